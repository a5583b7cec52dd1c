package io.github.gatlingllm.report;

import static io.github.gatlingllm.report.RequestCsvFormat.*;

import io.github.gatlingllm.metrics.ErrorCategory;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads {@code llm-requests.csv} files ({@link RequestCsvFormat}) back into {@link RequestRecord}s, for recomputing a
 * summary or merging the files of several load generators.
 *
 * <p>Time line: each row's times are nanoseconds after its {@code run_origin_epoch_ms}. All rows are placed on one
 * time line counted from the earliest origin of all files: a row's time becomes {@code (its origin - earliest origin)
 * in ns + its offset}. Within one file every row has the same origin, so its records keep their exact nanosecond
 * differences. Across files the alignment is only as good as the generators' wall clocks (NTP-synced machines: about
 * a millisecond), and affects only cross-file quantities: the duration, the peak output rate and the peak
 * concurrency. Per-request latencies are always exact.
 *
 * <p>Not in the CSV, so not in the records: the generated text and the prompt.
 *
 * <p>A file cut while being written (the run killed with SIGKILL, a full disk) may end in the middle of its last row.
 * The writer ends every row with a line break, so a last row without one is that cut: it is left out and named in
 * {@link Result#droppedPartialRows()}, and the complete rows are read. A cut may fall inside a quoted field (an error
 * detail may hold line breaks), but only in a text column the writer quotes; any other malformed row, including a
 * quote left open in a number column, is still an error naming the file, line and column.
 */
public final class RequestCsvReader {

  /** A malformed file; the message names the file, the line and the column. */
  public static final class CsvFormatException extends IOException {
    CsvFormatException(String message) {
      super(message);
    }
  }

  /**
   * What was read.
   *
   * @param records every row of every file, file by file in row order, on one time line
   * @param originEpochMillis the wall-clock time of that time line's zero (the earliest origin), or 0 when no row
   * @param droppedPartialRows one message per file whose last row was cut off and left out, naming the file and line
   */
  public record Result(List<RequestRecord> records, long originEpochMillis, List<String> droppedPartialRows) {
    public Result {
      records = List.copyOf(records);
      droppedPartialRows = List.copyOf(droppedPartialRows);
    }
  }

  /** The columns the writer quotes when needed (free text): the only places a cut can leave a quote open. */
  private static final List<String> TEXT_COLUMNS = List.of(SCENARIO, REQUEST_NAME, ERROR_DETAIL);

  private RequestCsvReader() {}

  public static Result read(Path... files) throws IOException {
    return read(Arrays.asList(files));
  }

  /** Reads and merges the files. */
  public static Result read(List<Path> files) throws IOException {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("No CSV file given: expected at least one " + RequestCsvWriter.FILE_NAME);
    }
    List<Row> rows = new ArrayList<>();
    List<String> partial = new ArrayList<>();
    for (Path file : files) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        readRows(in, file.toString(), collect(rows), partial);
      }
    }
    return align(rows, partial);
  }

  /**
   * What {@link #stream} read.
   *
   * @param rows the rows handed over
   * @param originEpochMillis the wall-clock time of the common time line's zero (the earliest origin), 0 when no row
   * @param droppedPartialRows as in {@link Result}
   */
  public record Streamed(long rows, long originEpochMillis, List<String> droppedPartialRows) {}

  /**
   * Reads the files row by row and hands each record to {@code sink} on the same time line as {@link #read(List)}
   * does, without keeping any: a file of any size is read in the memory of one row. Each file is opened twice (its
   * first row gives its origin, which every row of a file shares).
   */
  public static Streamed stream(List<Path> files, Consumer<RequestRecord> sink) throws IOException {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("No CSV file given: expected at least one " + RequestCsvWriter.FILE_NAME);
    }
    long[] origins = new long[files.size()];
    long earliest = Long.MAX_VALUE;
    for (int i = 0; i < files.size(); i++) {
      origins[i] = originOf(files.get(i));
      earliest = Math.min(earliest, origins[i]);
    }
    long[] count = {0};
    List<String> partial = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      // A file without a complete row hands nothing over, but may still have a partial row to report.
      long shift = origins[i] == Long.MAX_VALUE ? 0 : Math.multiplyExact(origins[i] - earliest, 1_000_000L);
      try (Reader in = Files.newBufferedReader(files.get(i), StandardCharsets.UTF_8)) {
        readRows(in, files.get(i).toString(), row -> {
          sink.accept(shift == 0 ? row.record : shifted(row.record, shift));
          count[0]++;
          return true;
        }, partial);
      }
    }
    return new Streamed(count[0], earliest == Long.MAX_VALUE ? 0 : earliest, partial);
  }

  /**
   * The file's {@code run_origin_epoch_ms} (its first row's: every row of a file has the same origin), or
   * {@link Long#MAX_VALUE} when it has no complete row.
   */
  static long originOf(Path file) throws IOException {
    long[] first = {Long.MAX_VALUE};
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      readRows(in, file.toString(), row -> {
        first[0] = row.originEpochMillis;
        return false; // the first row is enough
      }, new ArrayList<>());
    }
    return first[0];
  }

  /** Takes each parsed row; false stops the reading of that file. */
  @FunctionalInterface
  private interface RowSink {
    boolean accept(Row row);
  }

  private static RowSink collect(List<Row> rows) {
    return row -> {
      rows.add(row);
      return true;
    };
  }

  /** Reads one CSV text (its name is only used in error messages). */
  static Result read(Reader in, String name) throws IOException {
    List<Row> rows = new ArrayList<>();
    List<String> partial = new ArrayList<>();
    readRows(new BufferedReader(in), name, collect(rows), partial);
    return align(rows, partial);
  }

  /** A parsed row: its record with times relative to its own origin, and that origin. */
  private record Row(RequestRecord record, long originEpochMillis) {}

  private static Result align(List<Row> rows, List<String> partial) {
    if (rows.isEmpty()) {
      return new Result(List.of(), 0, partial);
    }
    long earliest = Long.MAX_VALUE;
    for (Row row : rows) {
      earliest = Math.min(earliest, row.originEpochMillis);
    }
    List<RequestRecord> records = new ArrayList<>(rows.size());
    for (Row row : rows) {
      long shift = Math.multiplyExact(row.originEpochMillis - earliest, 1_000_000L);
      records.add(shift == 0 ? row.record : shifted(row.record, shift));
    }
    return new Result(records, earliest, partial);
  }

  private static void readRows(Reader in, String name, RowSink out, List<String> partial) throws IOException {
    CsvRows csv = new CsvRows(in, name);
    List<String> header = csv.next();
    if (header == null) {
      throw new CsvFormatException(name + ": empty file, expected the header " + RequestCsvFormat.header());
    }
    if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
      header.set(0, header.get(0).substring(1)); // a byte order mark, as some spreadsheets save
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      index.putIfAbsent(header.get(i).trim(), i);
    }
    for (String column : REQUIRED) {
      if (!index.containsKey(column)) {
        throw new CsvFormatException(
            name + " line " + csv.recordLine() + ": the header has no column '" + column + "'; expected "
                + RequestCsvFormat.header());
      }
    }
    List<String> fields;
    int complete = 0;
    while ((fields = csv.next()) != null) {
      if (csv.recordUnterminated()) {
        partial.add(partialRow(csv, name, header, fields, complete));
        break; // the end of the input
      }
      complete++;
      if (fields.size() != header.size()) {
        throw new CsvFormatException(
            name + " line " + csv.recordLine() + ": " + fields.size() + " fields, the header has " + header.size());
      }
      if (!out.accept(new Fields(name, csv.recordLine(), index, fields).toRow())) {
        return;
      }
    }
  }

  /**
   * The message for a last row cut off; fails instead when the row cannot be a cut of a written row (a quote left open
   * outside the text columns is a malformed file, not a cut).
   */
  private static String partialRow(CsvRows csv, String name, List<String> header, List<String> fields, int complete)
      throws CsvFormatException {
    int column = fields.size() - 1;
    if (csv.recordCutInQuotes() && (column >= header.size() || !TEXT_COLUMNS.contains(header.get(column).trim()))) {
      throw new CsvFormatException(
          name + " line " + csv.recordLine() + ": a quoted field is not closed before the end of the file");
    }
    String lines =
        csv.line() == csv.recordLine()
            ? "line " + csv.recordLine()
            : "lines " + csv.recordLine() + "-" + csv.line();
    return name + " " + lines + ": dropped a partial last row (the file ends in the middle of it"
        + (csv.recordCutInQuotes() ? ", inside its quoted " + header.get(column).trim() : "")
        + ", without a line break: the run was cut off while writing it); using the " + complete + " complete rows";
  }

  /** One row being read, with what error messages need. */
  private record Fields(String file, int line, Map<String, Integer> index, List<String> values) {

    Row toRow() throws CsvFormatException {
      RequestRecord r = new RequestRecord(text(REQUEST_NAME));
      r.origin(text(SCENARIO), whole(USER_ID), whole(REQUEST_ID));
      long origin = whole(ORIGIN);
      long send = time(SEND);
      r.intended(time(INTENDED));
      r.sent(send);
      List<Long> offsets = offsets(send);
      for (long offset : offsets) {
        r.chunk(send + offset);
      }
      long firstContent = time(FIRST_CONTENT);
      if (firstContent != RequestRecord.NONE) {
        r.firstContent(firstContent);
      }
      r.promptTokens(count(INPUT_TOKENS), source(INPUT_SOURCE));
      r.outputTokens(count(OUTPUT_TOKENS), source(OUTPUT_SOURCE));
      if (index.containsKey(REASONING_TOKENS) && index.containsKey(REASONING_SOURCE)) {
        int reasoning = count(REASONING_TOKENS);
        if (reasoning >= 0) {
          r.reasoningTokens(reasoning, source(REASONING_SOURCE));
        }
      }
      if (index.containsKey(CACHED_TOKENS)) { // files from before the column: unknown
        r.cachedTokens(count(CACHED_TOKENS));
      }
      String status = text(HTTP_STATUS);
      r.httpStatus(status.isEmpty() ? 0 : (int) whole(HTTP_STATUS));
      ErrorCategory category = category();
      if (category != null) {
        r.failed(category, text(ERROR_DETAIL));
      }
      r.ended(time(END));
      String expected = RequestCsvFormat.status(r);
      if (!text(STATUS).equals(expected)) {
        throw bad(STATUS, "expected '" + expected + "' for a request with " + offsets.size() + " chunks and "
            + (category == null ? "no error category" : "error category " + text(ERROR_CATEGORY)));
      }
      return new Row(r, origin);
    }

    String text(String column) {
      return values.get(index.get(column));
    }

    CsvFormatException bad(String column, String expected) {
      return new CsvFormatException(
          file + " line " + line + ", column " + column + ": '" + text(column) + "' is not valid, " + expected);
    }

    long whole(String column) throws CsvFormatException {
      try {
        return Long.parseLong(text(column).trim());
      } catch (NumberFormatException e) {
        throw bad(column, "expected a whole number");
      }
    }

    int count(String column) throws CsvFormatException {
      String value = text(column).trim();
      if (value.isEmpty()) {
        return -1;
      }
      long n = whole(column);
      if (n < 0 || n > Integer.MAX_VALUE) {
        throw bad(column, "expected a token count >= 0, or empty when unknown");
      }
      return (int) n;
    }

    /** Milliseconds with up to 6 decimals, read exactly as nanoseconds; empty = did not happen. */
    long time(String column) throws CsvFormatException {
      String value = text(column).trim();
      if (value.isEmpty()) {
        return RequestRecord.NONE;
      }
      try {
        return new BigDecimal(value).movePointRight(6).longValueExact();
      } catch (NumberFormatException | ArithmeticException e) {
        throw bad(column, "expected milliseconds with at most 6 decimals (e.g. 1234.567891), or empty");
      }
    }

    TokenSource source(String column) throws CsvFormatException {
      String value = text(column).trim();
      try {
        return value.isEmpty() ? TokenSource.NONE : TokenSource.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw bad(column, "expected one of " + names(TokenSource.values()));
      }
    }

    ErrorCategory category() throws CsvFormatException {
      String value = text(ERROR_CATEGORY).trim();
      if (value.isEmpty()) {
        return null;
      }
      try {
        return ErrorCategory.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw bad(ERROR_CATEGORY, "expected empty or one of " + names(ErrorCategory.values()));
      }
    }

    List<Long> offsets(long send) throws CsvFormatException {
      String value = text(CHUNK_OFFSETS).trim();
      if (value.isEmpty()) {
        return List.of();
      }
      if (send == RequestRecord.NONE) {
        throw bad(CHUNK_OFFSETS, "chunks need a send time, and " + SEND + " is empty");
      }
      String[] parts = value.split(" +");
      List<Long> offsets = new ArrayList<>(parts.length);
      for (String part : parts) {
        try {
          offsets.add(Long.parseLong(part));
        } catch (NumberFormatException e) {
          throw bad(CHUNK_OFFSETS, "expected space-separated whole nanoseconds after the send, '" + part + "' is not");
        }
      }
      return offsets;
    }
  }

  private static String names(Enum<?>[] values) {
    StringBuilder sb = new StringBuilder();
    for (Enum<?> v : values) {
      sb.append(sb.length() == 0 ? "" : ", ").append(v.name().toLowerCase(Locale.ROOT));
    }
    return sb.toString();
  }

  /** The same request with every time moved by {@code shift} ns. */
  public static RequestRecord shifted(RequestRecord r, long shift) {
    RequestRecord s = new RequestRecord(r.requestName());
    s.origin(r.scenario(), r.userId(), r.requestId());
    s.intended(plus(r.intendedNanos(), shift));
    s.sent(plus(r.sendNanos(), shift));
    for (int i = 0; i < r.chunkCount(); i++) {
      s.chunk(r.chunkNanos(i) + shift);
    }
    if (r.firstContentNanos() != RequestRecord.NONE) {
      s.firstContent(r.firstContentNanos() + shift);
    }
    s.promptTokens(r.promptTokens(), r.promptTokenSource());
    s.outputTokens(r.outputTokens(), r.outputTokenSource());
    if (r.reasoningTokens() >= 0) {
      s.reasoningTokens(r.reasoningTokens(), r.reasoningTokenSource());
    }
    s.cachedTokens(r.cachedTokens());
    s.httpStatus(r.httpStatus());
    if (r.error() != null) {
      s.failed(r.error(), r.errorDetail());
    }
    s.ended(plus(r.endNanos(), shift));
    return s;
  }

  private static long plus(long nanos, long shift) {
    return nanos == RequestRecord.NONE ? RequestRecord.NONE : nanos + shift;
  }
}
