package io.github.gatlingllm.report;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 records one at a time: fields separated by commas, optionally quoted with {@code "}, quotes doubled
 * inside quotes, line breaks allowed inside quotes; records end with LF or CRLF. Streams, so a file of any size reads
 * in the memory of one record.
 *
 * <p>The last record may end at the end of the input instead of a line end, even inside a quoted field: it is returned
 * and {@link #recordUnterminated()} says so, so that the caller decides (a file cut while being written ends that way).
 */
final class CsvRows {
  private final Reader in;
  private final String fileName;
  private int line = 1;
  private int recordLine;
  private int pending = -2; // one character of look-ahead; -2 = none
  private boolean unterminated;
  private boolean cutInQuotes;

  CsvRows(Reader in, String fileName) {
    this.in = in;
    this.fileName = fileName;
  }

  /** The line the last record returned by {@link #next()} started on (1 = first line). */
  int recordLine() {
    return recordLine;
  }

  /**
   * Whether the last record returned by {@link #next()} ended at the end of the input rather than at a line end (then
   * it is the input's last record).
   */
  boolean recordUnterminated() {
    return unterminated;
  }

  /** Whether that unterminated record ended inside a quoted field (its closing quote never came). */
  boolean recordCutInQuotes() {
    return cutInQuotes;
  }

  /** The line the input ended on, once {@link #next()} has reached the end. */
  int line() {
    return line;
  }

  /** The next record's fields, or null at the end of the input. Blank lines are skipped. */
  List<String> next() throws IOException {
    unterminated = false;
    cutInQuotes = false;
    int c = read();
    while (c == '\n' || c == '\r') {
      c = read();
    }
    if (c == -1) {
      return null;
    }
    recordLine = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    while (true) {
      if (c == '"' && field.length() == 0) {
        c = quoted(field);
      }
      if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        c = read();
      } else if (c == '\n' || c == '\r' || c == -1) {
        if (c == '\r') {
          int after = read();
          if (after != '\n') {
            unread(after);
          }
        }
        fields.add(field.toString());
        unterminated = c == -1;
        return fields;
      } else if (c == '"') {
        throw new RequestCsvReader.CsvFormatException(
            fileName + " line " + line + ": a quote inside an unquoted field; quote the field and double the quote");
      } else {
        field.append((char) c);
        c = read();
      }
    }
  }

  /**
   * Reads a quoted field's content after its opening quote; returns the character after the closing quote, or -1 when
   * the input ends before it ({@link #recordCutInQuotes()}).
   */
  private int quoted(StringBuilder field) throws IOException {
    while (true) {
      int c = read();
      if (c == -1) {
        cutInQuotes = true;
        return -1;
      }
      if (c == '"') {
        int after = read();
        if (after != '"') {
          if (after != ',' && after != '\n' && after != '\r' && after != -1) {
            throw new RequestCsvReader.CsvFormatException(
                fileName + " line " + line + ": unexpected '" + (char) after + "' after a closing quote");
          }
          return after;
        }
      }
      field.append((char) c);
    }
  }

  private int read() throws IOException {
    int c;
    if (pending != -2) {
      c = pending;
      pending = -2;
      return c; // already counted
    }
    c = in.read();
    if (c == '\n') {
      line++;
    }
    return c;
  }

  private void unread(int c) {
    pending = c;
  }
}
