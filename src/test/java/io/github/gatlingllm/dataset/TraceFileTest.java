package io.github.gatlingllm.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each trace format reads its shipped sample; bad rows are named by file, line, field and value. */
class TraceFileTest {
  static final Path MOONCAKE = Path.of("datasets/traces/mooncake-sample.jsonl");
  static final Path AZURE = Path.of("datasets/traces/azure-sample.csv");
  static final Path BURSTGPT = Path.of("datasets/traces/burstgpt-sample.csv");
  static final Path JSONL = Path.of("datasets/traces/trace-sample.jsonl");

  @TempDir Path dir;

  static TraceFile.Contents read(Path file, TraceFormat format) {
    return TraceFile.read(file, file.getFileName().toString(), format, 99);
  }

  @Test
  void mooncakeSampleHasItsTimestampsLengthsAndHashIds() {
    TraceFile.Contents trace = read(MOONCAKE, TraceFormat.MOONCAKE);
    List<TraceEntry> entries = trace.entries();
    assertEquals(60, entries.size());
    assertEquals(new TraceEntry(1, 0, 1024, 10, new long[] {21, 22}, null), entries.get(0));
    assertEquals(new TraceEntry(2, 733, 1024, 22, new long[] {0, 105}, null), entries.get(1));
    assertEquals(new TraceEntry(60, 22404, 1966, 23, new long[] {0, 72, 73, 74}, null), entries.get(59));
    assertEquals(List.of(), trace.notes());
    for (TraceEntry entry : entries) {
      assertTrue(entry.inputLength() >= 100 && entry.inputLength() <= 2500, entry.toString());
      assertTrue(entry.outputLength() >= 4 && entry.outputLength() <= 40, entry.toString());
      // Mooncake's blocks: the input length reaches every hash id's block and no more.
      assertEquals((entry.inputLength() + 511) / 512, entry.hashIds().length, entry.toString());
    }
    long multiples = entries.stream().filter(e -> e.inputLength() % 512 == 0).count();
    assertTrue(multiples > entries.size() / 2 && multiples < entries.size(), multiples + " multiples of 512");
  }

  @Test
  void azureSampleReadsDateTimesToMsFromTheFirst() {
    List<TraceEntry> entries = read(AZURE, TraceFormat.AZURE).entries();
    assertEquals(56, entries.size());
    assertEquals(new TraceEntry(2, 0, 1980, 28, new long[0], null), entries.get(0));
    TraceEntry last = entries.get(55);
    assertEquals(57, last.line());
    assertEquals(19_823.609, last.offsetMs(), 1e-3);
    assertEquals(1920, last.inputLength());
    assertEquals(18, last.outputLength());
  }

  @Test
  void azure2024TimestampsWithAnOffsetAreRead() throws IOException {
    Path file = write("a.csv", "TIMESTAMP,ContextTokens,GeneratedTokens",
        "2024-05-10 00:00:00.009930+00:00,4808,10", "2024-05-10 02:00:01.5+02:00,374,44");
    List<TraceEntry> entries = read(file, TraceFormat.AZURE).entries();
    assertEquals(1_490.07, entries.get(1).offsetMs(), 1e-6);
  }

  @Test
  void burstGptSampleSkipsTheFailedRequestsWithANote() {
    TraceFile.Contents trace = read(BURSTGPT, TraceFormat.BURSTGPT);
    assertEquals(61, trace.entries().size());
    assertEquals(new TraceEntry(2, 0, 2240, 15, new long[0], null), trace.entries().get(0));
    TraceEntry last = trace.entries().get(60);
    assertEquals(new TraceEntry(65, 25_000, 393, 27, new long[0], null), last);
    assertEquals(1, trace.notes().size());
    assertTrue(trace.notes().get(0).contains("3 failed requests (0 Response tokens) skipped"), trace.notes().get(0));
  }

  @Test
  void ourJsonlTakesPromptsOrLengthsAndDefaultsTheOutput() {
    List<TraceEntry> entries = read(JSONL, TraceFormat.JSONL).entries();
    assertEquals(44, entries.size());
    TraceEntry first = entries.get(0);
    assertEquals("Summarise the plot of a heist film in three sentences.", first.prompt());
    assertEquals(99, first.outputLength());
    assertEquals(0, first.offsetMs());
    assertEquals(11, entries.stream().filter(e -> e.prompt() != null).count());
    TraceEntry last = entries.get(43);
    assertEquals(new TraceEntry(44, 14_000, 1776, 15, new long[] {1001, 2430, 2431, 2432}, null), last);
    assertNull(last.prompt());
  }

  @Test
  void anUnsortedFileIsSortedStablyWithANote() throws IOException {
    Path file = write("t.jsonl",
        "{\"timestamp\": 500, \"input_length\": 10, \"output_length\": 1}",
        "{\"timestamp\": 100, \"input_length\": 20, \"output_length\": 1}",
        "",
        "{\"timestamp\": 500, \"input_length\": 30, \"output_length\": 1}",
        "{\"timestamp\": 100, \"input_length\": 40, \"output_length\": 1}");
    TraceFile.Contents trace = read(file, TraceFormat.MOONCAKE);
    assertArrayEquals(new int[] {20, 40, 10, 30}, trace.entries().stream().mapToInt(TraceEntry::inputLength).toArray());
    assertArrayEquals(new double[] {0, 0, 400, 400},
        trace.entries().stream().mapToDouble(TraceEntry::offsetMs).toArray());
    assertEquals(List.of(2L, 5L, 1L, 4L), trace.entries().stream().map(TraceEntry::line).toList());
    assertTrue(trace.notes().get(0).contains("not sorted by time (2 rows"), trace.notes().get(0));
  }

  @Test
  void badRowsNameTheFileLineFieldAndValue() throws IOException {
    assertBad(TraceFormat.MOONCAKE, "t.jsonl: line 2: 'input_length' is -3, expected an integer >= 1",
        "{\"timestamp\": 0, \"input_length\": 1, \"output_length\": 1}",
        "{\"timestamp\": 1, \"input_length\": -3, \"output_length\": 1}");
    assertBad(TraceFormat.MOONCAKE, "t.jsonl: line 1: 'output_length' is missing",
        "{\"timestamp\": 0, \"input_length\": 1}");
    assertBad(TraceFormat.MOONCAKE, "t.jsonl: line 1: 'timestamp' is a string",
        "{\"timestamp\": \"soon\", \"input_length\": 1, \"output_length\": 1}");
    assertBad(TraceFormat.MOONCAKE, "t.jsonl: line 1: 'hash_ids' element 1 is a string",
        "{\"timestamp\": 0, \"input_length\": 1, \"output_length\": 1, \"hash_ids\": [1, \"x\"]}");
    assertBad(TraceFormat.MOONCAKE, "t.jsonl: line 1: invalid JSON", "{\"timestamp\": 0,");
    assertBad(TraceFormat.JSONL, "t.jsonl: line 1: neither 'prompt' nor 'input_length'", "{\"timestamp\": 0}");
    assertBad(TraceFormat.AZURE, "t.jsonl: line 3: 'TIMESTAMP' is 'yesterday', expected a date and time",
        "TIMESTAMP,ContextTokens,GeneratedTokens", "2023-11-16 18:15:46.6805900,1,2", "yesterday,1,2");
    assertBad(TraceFormat.AZURE, "t.jsonl: line 2: 'GeneratedTokens' is 'many', expected an integer >= 0",
        "TIMESTAMP,ContextTokens,GeneratedTokens", "2023-11-16 18:15:46,1,many");
    assertBad(TraceFormat.AZURE, "t.jsonl: line 1: the header has no column 'ContextTokens' (it has TIMESTAMP, Ctx",
        "TIMESTAMP,Ctx,GeneratedTokens");
    assertBad(TraceFormat.BURSTGPT, "t.jsonl: line 2: 'Timestamp' is 'noon', expected a number of seconds",
        "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type", "noon,ChatGPT,1,2,3,API log");
    assertBad(TraceFormat.BURSTGPT, "t.jsonl: line 2: expected 6 columns as the header, got 3",
        "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type", "1,ChatGPT,1");
    assertBad(TraceFormat.AZURE, "t.jsonl: no request in the file", "TIMESTAMP,ContextTokens,GeneratedTokens");
  }

  private void assertBad(TraceFormat format, String expected, String... lines) throws IOException {
    Path file = write("t.jsonl", lines);
    String message = assertThrows(DatasetException.class, () -> read(file, format)).getMessage();
    assertTrue(message.startsWith(expected), message);
  }

  private Path write(String name, String... lines) throws IOException {
    return Files.write(dir.resolve(name), List.of(lines));
  }
}
