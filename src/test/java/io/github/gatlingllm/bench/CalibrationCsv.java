package io.github.gatlingllm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw rows of every calibration run, {@code bench/results/calibration.csv}: one row per level, appended as each
 * level ends (an interrupted sweep keeps its finished levels). Values never hold a comma, so a row is split on
 * commas. The chart is drawn from {@link #latest}: for each mode (pinned, unpinned) and level, the newest row, so a
 * re-run replaces a level's figures without deleting anything.
 */
final class CalibrationCsv {
  private CalibrationCsv() {}

  static void append(Path file, CalibrationResult result) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    upgradeHeader(file);
    StringBuilder text = new StringBuilder();
    if (!Files.exists(file)) {
      text.append(String.join(",", CalibrationResult.CSV_COLUMNS)).append('\n');
    }
    text.append(String.join(",", result.csvValues())).append('\n');
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /**
   * A file written by a version of the harness with other columns is rewritten once with today's header, its rows'
   * values kept by column name (empty where a column is new), so that old and new rows stay comparable.
   */
  private static void upgradeHeader(Path file) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String header = String.join(",", CalibrationResult.CSV_COLUMNS);
    if (lines.isEmpty() || lines.get(0).equals(header)) {
      return;
    }
    StringBuilder text = new StringBuilder(header).append('\n');
    for (Map<String, String> row : read(file)) {
      List<String> cells = new ArrayList<>();
      for (String column : CalibrationResult.CSV_COLUMNS) {
        cells.add(row.getOrDefault(column, ""));
      }
      text.append(String.join(",", cells)).append('\n');
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** Every row as column name to value. */
  static List<Map<String, String>> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Map<String, String>> rows = new ArrayList<>();
    if (lines.isEmpty()) {
      return rows;
    }
    String[] header = lines.get(0).split(",", -1);
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length && i < cells.length; i++) {
        row.put(header[i], cells[i]);
      }
      rows.add(row);
    }
    return rows;
  }

  /** Per mode and level (kind and value), the row of the newest run (run ids are sortable timestamps). */
  static List<Map<String, String>> latest(List<Map<String, String>> rows) {
    Map<String, Map<String, String>> newest = new LinkedHashMap<>();
    for (Map<String, String> row : rows) {
      String key = row.get("mode") + "/" + row.get("kind") + "/" + row.get("level");
      Map<String, String> seen = newest.get(key);
      if (seen == null || seen.get("run_id").compareTo(row.get("run_id")) <= 0) {
        newest.put(key, row);
      }
    }
    return new ArrayList<>(newest.values());
  }

  static double number(Map<String, String> row, String column) {
    String v = row.getOrDefault(column, "");
    return v.isEmpty() ? Double.NaN : Double.parseDouble(v);
  }

  /** For tests and the chart: rows grouped by a column. */
  static Map<String, List<Map<String, String>>> by(List<Map<String, String>> rows, String column) {
    Map<String, List<Map<String, String>>> groups = new HashMap<>();
    for (Map<String, String> row : rows) {
      groups.computeIfAbsent(row.get(column), k -> new ArrayList<>()).add(row);
    }
    return groups;
  }
}
