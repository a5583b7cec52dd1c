package io.github.gatlingllm.servermetrics;

import java.util.List;

/**
 * Maps the metric families of the servers we know onto {@link ServerReading}'s normalized series. Names checked
 * against the servers' own sources: vLLM's Prometheus logger, SGLang's {@code SchedulerMetricsCollector}, TGI's
 * metrics reference and llama.cpp's server README.
 *
 * <p>Each series lists candidate families in order of preference; the first one present wins (vLLM exports both the
 * deprecated {@code gpu_} names and the new ones for a while: counting both would double). A family's value is the
 * sum over all its label sets: a server exports one set per model, engine (vLLM's data-parallel engines) or rank, and
 * the server-wide figure is their total. A KV-cache ratio summed over engines would exceed 1, so it is averaged
 * instead.
 *
 * <p>Prometheus clients append {@code _total} to counters in the text format; both spellings are accepted.
 */
public final class KnownFamilies {
  static final List<String> RUNNING =
      List.of("vllm:num_requests_running", "sglang:num_running_reqs", "tgi_batch_current_size",
          "llamacpp:requests_processing");
  static final List<String> WAITING =
      List.of("vllm:num_requests_waiting", "sglang:num_queue_reqs", "tgi_queue_size", "llamacpp:requests_deferred");
  static final List<String> KV_CACHE_USAGE =
      List.of("vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc", "sglang:token_usage",
          "llamacpp:kv_cache_usage_ratio");
  /** vLLM's prefix-cache counters, newer names first; each hits family with its own queries family. */
  static final List<List<String>> PREFIX_HITS_AND_QUERIES =
      List.of(
          List.of("vllm:prefix_cache_hits_total", "vllm:prefix_cache_queries_total"),
          List.of("vllm:prefix_cache_hits", "vllm:prefix_cache_queries"),
          List.of("vllm:gpu_prefix_cache_hits_total", "vllm:gpu_prefix_cache_queries_total"),
          List.of("vllm:gpu_prefix_cache_hits", "vllm:gpu_prefix_cache_queries"));
  static final List<String> PREFIX_HIT_RATE = List.of("sglang:cache_hit_rate");
  static final List<String> PREEMPTIONS =
      List.of("vllm:num_preemptions_total", "vllm:num_preemptions", "sglang:num_retracted_reqs_total");

  /** NVIDIA DCGM exporter's frame buffer in use, in MiB (one sample per GPU). */
  static final String DCGM_MEMORY_USED_MIB = "DCGM_FI_DEV_FB_USED";
  /** Triton's device memory in use, in bytes (one sample per GPU). */
  static final String TRITON_MEMORY_USED_BYTES = "nv_gpu_memory_used_bytes";

  private KnownFamilies() {}

  public static ServerReading read(List<PrometheusSample> samples) {
    double[] prefix = prefixHitsAndQueries(samples);
    return new ServerReading(
        sum(samples, RUNNING),
        sum(samples, WAITING),
        mean(samples, KV_CACHE_USAGE),
        prefix[0],
        prefix[1],
        mean(samples, PREFIX_HIT_RATE),
        sum(samples, PREEMPTIONS),
        gpuMemoryUsedBytes(samples));
  }

  /**
   * GPU memory in use in bytes, over all GPUs: what the inference servers themselves do not export (vLLM, SGLang, TGI
   * and llama.cpp report KV-cache use, not device memory), so it comes from Triton's own metrics or from a DCGM
   * exporter given as an extra endpoint.
   */
  private static double gpuMemoryUsedBytes(List<PrometheusSample> samples) {
    double bytes = sum(samples, List.of(TRITON_MEMORY_USED_BYTES));
    if (!Double.isNaN(bytes)) {
      return bytes;
    }
    return sum(samples, List.of(DCGM_MEMORY_USED_MIB)) * 1024 * 1024;
  }

  /**
   * Hits and queries from the first pair of names whose queries are exported: both from the same pair, as a ratio of
   * one generation's hits to another's queries would be wrong whenever the two differ in what they count.
   */
  private static double[] prefixHitsAndQueries(List<PrometheusSample> samples) {
    for (List<String> pair : PREFIX_HITS_AND_QUERIES) {
      double queries = sum(samples, List.of(pair.get(1)));
      if (!Double.isNaN(queries)) {
        return new double[] {sum(samples, List.of(pair.get(0))), queries};
      }
    }
    return new double[] {Double.NaN, Double.NaN};
  }

  /** Whether any known family is present (a Prometheus endpoint of some other software has none). */
  public static boolean anyKnown(ServerReading r) {
    return !Double.isNaN(r.running()) || !Double.isNaN(r.waiting()) || !Double.isNaN(r.kvCacheUsage())
        || !Double.isNaN(r.prefixCacheQueries()) || !Double.isNaN(r.prefixCacheHitRate())
        || !Double.isNaN(r.gpuMemoryUsedBytes());
  }

  private static double sum(List<PrometheusSample> samples, List<String> candidates) {
    return aggregate(samples, candidates, false);
  }

  private static double mean(List<PrometheusSample> samples, List<String> candidates) {
    return aggregate(samples, candidates, true);
  }

  private static double aggregate(List<PrometheusSample> samples, List<String> candidates, boolean mean) {
    for (String family : candidates) {
      double total = 0;
      int count = 0;
      for (PrometheusSample s : samples) {
        if (s.name().equals(family) && !Double.isNaN(s.value())) {
          total += s.value();
          count++;
        }
      }
      if (count > 0) {
        return mean ? total / count : total;
      }
    }
    return Double.NaN;
  }
}
