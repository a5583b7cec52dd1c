package io.github.gatlingllm.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The text sink of a per-request file: buffered, and forced to the disk when closed, so that a file the run has
 * closed survives a power loss or a killed VM right after the run, not only a killed JVM (whose written bytes the OS
 * keeps anyway).
 */
final class SyncedFile {
  /** Forces what was written through a channel to the storage device. */
  @FunctionalInterface
  interface Force {
    void force() throws IOException;
  }

  private static final int BUFFER_CHARS = 1 << 16;

  private SyncedFile() {}

  /** Creates (or truncates) {@code file}, and its folders. */
  static Writer open(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    return over(channel, () -> channel.force(true));
  }

  /** A writer over {@code channel} whose close flushes, calls {@code force}, then closes the channel. */
  static Writer over(WritableByteChannel channel, Force force) {
    Writer encoder =
        new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8) {
          @Override
          public void close() throws IOException {
            try {
              flush();
              force.force();
            } finally {
              super.close();
            }
          }
        };
    return new BufferedWriter(encoder, BUFFER_CHARS);
  }
}
