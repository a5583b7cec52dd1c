package io.github.gatlingllm.suite.reports;

import io.github.gatlingllm.report.RunOutput;
import io.github.gatlingllm.report.RunResults;

import io.github.gatlingllm.servermetrics.ServerMetricsResult;
import io.github.gatlingllm.servermetrics.ServerSample;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes {@value #FILE_NAME} into the run folder: what the server reported about itself when the run started (its
 * {@code /v1/models} entry: on vLLM {@code max_model_len}, {@code root}, {@code owned_by}, ...), what the run used, and
 * the GPU memory in use during the run where the sampled metrics show it ({@code gpu_memory_used_bytes}: mean and max
 * over the scrapes, else null).
 */
public final class ServerInfoFile implements RunOutput {
  public static final String FILE_NAME = "server-info.json";

  private final Map<String, Object> info;
  private final Supplier<Map<String, Object>> afterLoad;

  /** Values: numbers, strings, booleans, Jackson trees, maps and lists of those. */
  public ServerInfoFile(Map<String, Object> info) {
    this(info, Map::of);
  }

  /**
   * @param afterLoad more of what the server says about itself, asked once the load is over (e.g. the memory a model
   *     took once loaded); called on the end-of-run thread, never on an event loop
   */
  public ServerInfoFile(Map<String, Object> info, Supplier<Map<String, Object>> afterLoad) {
    this.info = new LinkedHashMap<>(info);
    this.afterLoad = afterLoad;
  }

  @Override
  public void write(RunResults results) throws IOException {
    Map<String, Object> all = new LinkedHashMap<>(info);
    all.putAll(afterLoad.get());
    all.put("gpu_memory_used_bytes", results.serverMetrics().map(ServerInfoFile::gpuMemory).orElse(null));
    results.saveJson(FILE_NAME, all);
  }

  private static Map<String, Object> gpuMemory(ServerMetricsResult server) {
    ServerMetricsResult.Stats s = server.series().get(ServerSample.GPU_MEMORY_USED);
    if (s == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mean", s.mean());
    m.put("max", s.max());
    m.put("samples", s.samples());
    return m;
  }
}
