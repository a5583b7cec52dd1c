package io.github.gatlingllm.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Counts the complete rows of a CSV file that another process is appending to, reading only the bytes added since
 * the last call. RFC 4180: a line break inside a quoted field (an error message, say) does not end a row, and a row
 * is complete only once its line break is written. The first row (the header) is not counted.
 */
final class CsvRowCounter {
  private final Path file;
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
  private long offset;
  private long lineBreaks;
  private boolean inQuotes;

  CsvRowCounter(Path file) {
    this.file = file;
  }

  /** @return data rows complete so far (0 while the file does not exist or holds only its header) */
  long rows() throws IOException {
    if (Files.isRegularFile(file)) {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        while (true) {
          buffer.clear();
          int read = channel.read(buffer, offset);
          if (read <= 0) {
            break;
          }
          offset += read;
          for (int i = 0; i < read; i++) {
            byte b = buffer.get(i);
            if (b == '"') {
              inQuotes = !inQuotes; // an escaped quote ("") toggles twice
            } else if (b == '\n' && !inQuotes) {
              lineBreaks++;
            }
          }
        }
      }
    }
    return Math.max(0, lineBreaks - 1);
  }
}
