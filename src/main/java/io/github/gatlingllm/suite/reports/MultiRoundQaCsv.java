package io.github.gatlingllm.suite.reports;

import io.github.gatlingllm.report.PythonFormat;
import io.github.gatlingllm.report.RequestFileFormat;
import io.github.gatlingllm.report.RunOrigin;

import io.github.gatlingllm.metrics.RequestRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code multi-round-qa.csv}: the production stack's per-request CSV ({@code prompt_tokens, generation_tokens, ttft,
 * generation_time, user_id, question_id, launch_time, finish_time}; floats as pandas writes them), one row per
 * answered conversation request, written as requests finish. {@link #read} loads it back for
 * {@link MultiRoundQaRecompute}, which also reads the original tool's files.
 */
public final class MultiRoundQaCsv implements RequestFileFormat {
  public static final String FILE_NAME = "multi-round-qa.csv";
  static final String HEADER =
      "prompt_tokens,generation_tokens,ttft,generation_time,user_id,question_id,launch_time,finish_time";

  @Override
  public String fileName() {
    return FILE_NAME;
  }

  @Override
  public String header() {
    return HEADER;
  }

  @Override
  public boolean accepts(RequestRecord record) {
    return MultiRoundQaRow.accepts(record);
  }

  @Override
  public void appendRow(RequestRecord record, RunOrigin origin, StringBuilder line) {
    append(MultiRoundQaRow.of(record, origin), line);
  }

  static void append(MultiRoundQaRow row, StringBuilder line) {
    line.append(row.promptTokens())
        .append(',')
        .append(row.generationTokens())
        .append(',')
        .append(PythonFormat.repr(row.ttft()))
        .append(',')
        .append(PythonFormat.repr(row.generationTime()))
        .append(',')
        .append(row.userId())
        .append(',')
        .append(row.questionId())
        .append(',')
        .append(PythonFormat.repr(row.launchTime()))
        .append(',')
        .append(PythonFormat.repr(row.finishTime()));
  }

  /**
   * The rows of a file with these columns (in any order; other columns are ignored).
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException naming the line and column when a column is missing or a value is not a number
   */
  public static List<MultiRoundQaRow> read(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null) {
        throw new IllegalArgumentException(file + ": empty file, expected the header " + HEADER);
      }
      String[] names = header.strip().split(",", -1);
      int[] at = new int[8];
      String[] wanted = HEADER.split(",");
      for (int i = 0; i < wanted.length; i++) {
        at[i] = indexOf(names, wanted[i]);
        if (at[i] < 0) {
          throw new IllegalArgumentException(
              file + ": no column '" + wanted[i] + "' in the header, expected the columns " + HEADER);
        }
      }
      List<MultiRoundQaRow> rows = new ArrayList<>();
      String line;
      int number = 1;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        Cells c = new Cells(file, number, cells, wanted);
        rows.add(
            new MultiRoundQaRow(
                (long) c.number(at, 0),
                (long) c.number(at, 1),
                c.number(at, 2),
                c.number(at, 3),
                (long) c.number(at, 4),
                (int) c.number(at, 5),
                c.number(at, 6),
                c.number(at, 7)));
      }
      return rows;
    }
  }

  private static int indexOf(String[] names, String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].strip().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** One line's cells, read as numbers with errors that name the line and column. */
  private record Cells(Path file, int line, String[] cells, String[] names) {
    double number(int[] at, int column) {
      int index = at[column];
      if (index >= cells.length) {
        throw new IllegalArgumentException(
            file + ", line " + line + ": no value for '" + names[column] + "' (" + cells.length + " cells)");
      }
      String text = cells[index].strip();
      try {
        return Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            file + ", line " + line + ": '" + names[column] + "' is '" + text + "', expected a number");
      }
    }
  }
}
