package io.github.gatlingllm.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/** Small JSON result files (maps, lists, numbers, strings, Jackson trees), pretty-printed and written atomically. */
final class JsonFiles {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonFiles() {}

  static void write(Path file, Object value) throws IOException {
    AtomicFiles.write(
        file,
        out -> {
          out.write(JSON.writeValueAsBytes(value));
          out.write('\n');
        });
  }
}
