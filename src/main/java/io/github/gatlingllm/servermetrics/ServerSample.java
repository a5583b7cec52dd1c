package io.github.gatlingllm.servermetrics;

import java.util.List;

/**
 * One value of one normalized series at one scrape.
 *
 * @param timeMs milliseconds since the run's origin (the same origin as {@code llm-requests.csv}'s times)
 * @param series {@code running}, {@code waiting}, {@code kv_cache_usage}, {@code prefix_cache_hit_rate},
 *     {@code preemptions} or {@code gpu_memory_used_bytes}
 * @param value the value (a ratio 0..1 for the usage and rate, bytes for the memory, a count otherwise)
 */
public record ServerSample(long timeMs, String series, double value) {
  public static final String RUNNING = "running";
  public static final String WAITING = "waiting";
  public static final String KV_CACHE_USAGE = "kv_cache_usage";
  public static final String PREFIX_CACHE_HIT_RATE = "prefix_cache_hit_rate";
  public static final String PREEMPTIONS = "preemptions";
  public static final String GPU_MEMORY_USED = "gpu_memory_used_bytes";
  /** Every series, in the order the outputs list them. */
  public static final List<String> SERIES =
      List.of(RUNNING, WAITING, KV_CACHE_USAGE, PREFIX_CACHE_HIT_RATE, PREEMPTIONS, GPU_MEMORY_USED);
}
