package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.metrics.RequestRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An llm-requests.csv cut in the middle of its last row (the run killed while the row was being written) is read up
 * to its last complete row, and the cut row is named; a malformed row anywhere else is still an error.
 */
class PartialLastRowTest {

  /** The edge-case records with the one whose request name and error detail need quotes (and hold line breaks) last. */
  private static List<RequestRecord> quotedLast() {
    List<RequestRecord> records = new ArrayList<>(CsvRecords.edgeCases());
    RequestRecord quoted =
        records.stream().filter(r -> r.requestName().contains("\"")).findFirst().orElseThrow();
    records.remove(quoted);
    records.add(quoted);
    return records;
  }

  private static String csv(List<RequestRecord> records) {
    StringBuilder text = new StringBuilder(RequestCsvFormat.header()).append('\n');
    for (RequestRecord r : records) {
      RequestCsvFormat.appendRow(r, CsvRecords.ORIGIN, text);
      text.append('\n');
    }
    return text.toString();
  }

  private static RequestCsvReader.Result read(String text) throws IOException {
    return RequestCsvReader.read(new StringReader(text), "t.csv");
  }

  private static int lineOf(String text, int index) {
    return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
  }

  @Test
  void everyCutInsideTheLastRowDropsOnlyThatRowAndNamesItsLine() throws Exception {
    List<RequestRecord> records = quotedLast();
    String full = csv(records);
    // The quoted row holds line breaks: where it starts is where the file without it ends.
    int lastStart = csv(records.subList(0, records.size() - 1)).length();
    int lastLine = lineOf(full, lastStart);
    int complete = records.size() - 1;

    int cuts = 0;
    for (int end = lastStart + 1; end < full.length(); end++) { // up to the row without its final line break
      String cut = full.substring(0, end);
      RequestCsvReader.Result result = read(cut);
      assertEquals(complete, result.records().size(), "cut at " + end + ": " + cut.substring(lastStart));
      assertEquals(1, result.droppedPartialRows().size());
      String message = result.droppedPartialRows().get(0);
      assertTrue(
          message.startsWith("t.csv line " + lastLine + ":") || message.startsWith("t.csv lines " + lastLine + "-"),
          message);
      assertTrue(message.contains("using the " + complete + " complete rows"), message);
      cuts++;
    }
    assertTrue(cuts > 100, "the row is long: " + cuts + " cut points tried");
  }

  @Test
  void namedCutsInsideAQuotedErrorDetailAfterACommaAndAtTheLineEnd() throws Exception {
    List<RequestRecord> records = quotedLast();
    String full = csv(records);
    int lastStart = csv(records.subList(0, records.size() - 1)).length();
    int lastLine = lineOf(full, lastStart);
    String last = full.substring(lastStart);

    int inDetail = lastStart + last.indexOf("a new line") + 2; // after the line break inside error_detail
    String message = read(full.substring(0, inDetail)).droppedPartialRows().get(0);
    assertEquals(
        "t.csv lines " + lastLine + "-" + (lastLine + 1) + ": dropped a partial last row (the file ends in the middle"
            + " of it, inside its quoted error_detail, without a line break: the run was cut off while writing it);"
            + " using the " + (records.size() - 1) + " complete rows",
        message);

    int afterComma = lastStart + last.indexOf(',') + 1;
    assertEquals(records.size() - 1, read(full.substring(0, afterComma)).records().size());
    assertTrue(read(full.substring(0, afterComma)).droppedPartialRows().get(0).startsWith("t.csv line " + lastLine));

    int beforeLineEnd = full.length() - 1; // the whole row, but its line break never written
    assertEquals(records.size() - 1, read(full.substring(0, beforeLineEnd)).records().size());
  }

  @Test
  void aFileEndingWithALineBreakHasNoPartialRow() throws Exception {
    List<RequestRecord> records = quotedLast();
    RequestCsvReader.Result result = read(csv(records));
    assertEquals(records.size(), result.records().size());
    assertEquals(List.of(), result.droppedPartialRows());
    assertEquals(List.of(), read(RequestCsvFormat.header() + "\n").droppedPartialRows());
  }

  @Test
  void aMalformedRowBeforeTheLastIsStillAnErrorNamingLineAndColumn() throws Exception {
    List<RequestRecord> records = quotedLast();
    String full = csv(records);
    String[] lines = full.split("\n", -1);
    lines[2] = lines[2].replace(",1700000000000,", ",17000x0000000,");
    String broken = String.join("\n", lines);
    String cutToo = broken.substring(0, broken.length() - 5); // and its last row cut: the error still wins
    for (String text : List.of(broken, cutToo)) {
      RequestCsvReader.CsvFormatException e =
          assertThrows(RequestCsvReader.CsvFormatException.class, () -> read(text));
      assertTrue(e.getMessage().startsWith("t.csv line 3, column run_origin_epoch_ms: '17000x0000000'"), e.getMessage());
    }
  }

  @Test
  void aQuoteLeftOpenOutsideTheTextColumnsIsNoCutButAnError() {
    String text = RequestCsvFormat.header() + "\nshort,\"7,7\n";
    RequestCsvReader.CsvFormatException e =
        assertThrows(RequestCsvReader.CsvFormatException.class, () -> read(text));
    assertEquals("t.csv line 2: a quoted field is not closed before the end of the file", e.getMessage());
  }

  @Test
  void recomputeSaysWhichRowOfWhichFileItDroppedAndUsesTheCompleteOnes(@TempDir Path dir) throws Exception {
    List<RequestRecord> records = quotedLast();
    String full = csv(records);
    int lastStart = csv(records.subList(0, records.size() - 1)).length();
    Path file = dir.resolve("run").resolve(RequestCsvWriter.FILE_NAME);
    Files.createDirectories(file.getParent());
    Files.writeString(file, full.substring(0, lastStart + 40), StandardCharsets.UTF_8);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Recompute.run(
            new String[] {"--out=" + dir.resolve("out"), file.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    String errors = err.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, errors);
    assertTrue(errors.startsWith(file + " line " + lineOf(full, lastStart) + ": dropped a partial last row"), errors);
    String json = Files.readString(dir.resolve("out").resolve(SummaryJson.FILE_NAME));
    long completed = records.subList(0, records.size() - 1).stream().filter(RequestRecord::success).count();
    assertTrue(json.contains("\"completed\" : " + completed), json);
  }
}
