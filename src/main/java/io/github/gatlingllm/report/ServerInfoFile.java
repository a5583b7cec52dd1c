package io.github.gatlingllm.report;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes {@value #FILE_NAME} into the run folder: what the server reported about itself when the run started (its
 * {@code /v1/models} entry: on vLLM {@code max_model_len}, {@code root}, {@code owned_by}, ...) and what the run used.
 */
public final class ServerInfoFile implements RunOutput {
  public static final String FILE_NAME = "server-info.json";

  private final Map<String, Object> info;

  /** Values: numbers, strings, booleans, Jackson trees, maps and lists of those. */
  public ServerInfoFile(Map<String, Object> info) {
    this.info = new LinkedHashMap<>(info);
  }

  @Override
  public void write(RunResults results) throws IOException {
    results.saveJson(FILE_NAME, info);
  }
}
