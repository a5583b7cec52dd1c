package io.github.gatlingllm.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-request lines that never reached their files (queue full, disk error, or no run folder to write into), file by
 * file. Their total is {@link #KEY} in llm-summary.json, always present (0 when every line was written), so that a
 * check or a CI step can gate on complete files; the console shows a line naming the files only when it is not 0.
 */
public final class DroppedRows {
  /** The llm-summary.json key holding {@link #total()}. */
  public static final String KEY = "dropped_rows";

  private final Map<String, Long> byFile = new LinkedHashMap<>();

  /** Adds {@code count} lines dropped from {@code fileName} (0 is fine: nothing changes). */
  public DroppedRows add(String fileName, long count) {
    if (count < 0) {
      throw new IllegalArgumentException("dropped lines of " + fileName + " must be >= 0, got " + count);
    }
    if (count > 0) {
      byFile.merge(fileName, count, Long::sum);
    }
    return this;
  }

  public long total() {
    return byFile.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The files with dropped lines and how many, in the order added. */
  public Map<String, Long> byFile() {
    return Collections.unmodifiableMap(byFile);
  }

  /** The console line, e.g. {@code Per-request lines NOT written: 12 (llm-requests.csv 12)}; empty when none. */
  public String consoleLine() {
    if (byFile.isEmpty()) {
      return "";
    }
    StringBuilder line = new StringBuilder("Per-request lines NOT written: ").append(total()).append(" (");
    String separator = "";
    for (Map.Entry<String, Long> file : byFile.entrySet()) {
      line.append(separator).append(file.getKey()).append(' ').append(file.getValue());
      separator = ", ";
    }
    return line.append("): those files are incomplete, the summary still counts every request").toString();
  }
}
