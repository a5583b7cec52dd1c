package io.github.gatlingllm.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the collections of a JVM started with {@code -Xlog:gc:file=<file>}, one line per collection, e.g.
 * {@code [12.345s] GC(17) Pause Full (Diagnostic Command) 180M->42M(1024M) 35.123ms}, as the file grows (only complete
 * lines). Lines without a heap transition (G1's concurrent phases) are skipped.
 */
final class GcLog {
  /** One collection: heap occupancy before and after it, in MiB, and its pause. */
  record Collection(long id, String kind, double beforeMb, double afterMb, double capacityMb, double pauseMs) {
    /** A full collection asked for by {@code jcmd GC.run}: what remains after it is the live set. */
    boolean forced() {
      return kind.startsWith("Pause Full") && kind.contains("Diagnostic Command");
    }

    boolean full() {
      return kind.startsWith("Pause Full");
    }
  }

  private static final Pattern LINE =
      Pattern.compile(
          "GC\\((\\d+)\\) (.+?) (\\d+(?:\\.\\d+)?)([BKMG])->(\\d+(?:\\.\\d+)?)([BKMG])\\((\\d+(?:\\.\\d+)?)([BKMG])\\)"
              + " (\\d+(?:\\.\\d+)?)ms");

  private final Path file;
  private long offset;

  GcLog(Path file) {
    this.file = file;
  }

  /** The collections logged since the last call. */
  List<Collection> next() throws IOException {
    List<Collection> found = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return found;
    }
    byte[] added;
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      if (length <= offset) {
        return found;
      }
      added = new byte[(int) Math.min(length - offset, 64L << 20)];
      in.seek(offset);
      in.readFully(added);
    }
    int end = added.length;
    while (end > 0 && added[end - 1] != '\n') {
      end--; // a line still being written: read it next time
    }
    offset += end;
    for (String line : new String(added, 0, end, StandardCharsets.UTF_8).split("\n")) {
      Collection c = parse(line);
      if (c != null) {
        found.add(c);
      }
    }
    return found;
  }

  static Collection parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.find()) {
      return null;
    }
    return new Collection(
        Long.parseLong(m.group(1)),
        m.group(2),
        mib(m.group(3), m.group(4)),
        mib(m.group(5), m.group(6)),
        mib(m.group(7), m.group(8)),
        Double.parseDouble(m.group(9)));
  }

  private static double mib(String value, String unit) {
    double v = Double.parseDouble(value);
    return switch (unit) {
      case "B" -> v / (1024 * 1024);
      case "K" -> v / 1024;
      case "G" -> v * 1024;
      default -> v;
    };
  }
}
