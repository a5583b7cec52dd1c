package io.github.gatlingllm.servermetrics;

/**
 * One scrape reduced to the normalized series; {@code NaN} where the server exports no known family for it.
 *
 * @param running requests the server is executing (in its batch)
 * @param waiting requests queued on the server, not yet scheduled
 * @param kvCacheUsage share of the KV cache in use, 0..1
 * @param prefixCacheHits cumulative prefix-cache hits (tokens), a counter
 * @param prefixCacheQueries cumulative prefix-cache queries (tokens), a counter
 * @param prefixCacheHitRate a hit-rate gauge 0..1, for servers that export the rate rather than the counters
 * @param preemptions cumulative preemptions, a counter
 * @param gpuMemoryUsedBytes device memory in use, summed over the GPUs exported (Triton, NVIDIA's DCGM exporter)
 */
public record ServerReading(
    double running,
    double waiting,
    double kvCacheUsage,
    double prefixCacheHits,
    double prefixCacheQueries,
    double prefixCacheHitRate,
    double preemptions,
    double gpuMemoryUsedBytes) {}
