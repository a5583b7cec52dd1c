package io.github.gatlingllm.servermetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KnownFamiliesTest {

  private static ServerReading read(String text) {
    return KnownFamilies.read(PrometheusText.parse(text).samples());
  }

  @Test
  void newVllmNamesSummedOverEnginesAndKvCacheAveraged() {
    ServerReading r =
        read(
            """
            vllm:num_requests_running{engine="0",model_name="m"} 3.0
            vllm:num_requests_running{engine="1",model_name="m"} 5.0
            vllm:num_requests_waiting{engine="0",model_name="m"} 2.0
            vllm:num_requests_waiting{engine="1",model_name="m"} 0.0
            vllm:kv_cache_usage_perc{engine="0",model_name="m"} 0.5
            vllm:kv_cache_usage_perc{engine="1",model_name="m"} 0.7
            vllm:gpu_cache_usage_perc{engine="0",model_name="m"} 0.5
            vllm:gpu_cache_usage_perc{engine="1",model_name="m"} 0.7
            vllm:prefix_cache_queries_total{engine="0",model_name="m"} 1000.0
            vllm:prefix_cache_hits_total{engine="0",model_name="m"} 250.0
            vllm:gpu_prefix_cache_queries_total{engine="0",model_name="m"} 1000.0
            vllm:gpu_prefix_cache_hits_total{engine="0",model_name="m"} 250.0
            vllm:num_preemptions_total{engine="0",model_name="m"} 4.0
            """);
    assertEquals(8.0, r.running());
    assertEquals(2.0, r.waiting());
    assertEquals(0.6, r.kvCacheUsage(), 1e-12);
    assertEquals(1000.0, r.prefixCacheQueries()); // the deprecated duplicate is not added
    assertEquals(250.0, r.prefixCacheHits());
    assertEquals(4.0, r.preemptions());
    assertTrue(Double.isNaN(r.prefixCacheHitRate()));
  }

  @Test
  void olderVllmNames() {
    ServerReading r =
        read(
            """
            vllm:num_requests_running{model_name="m"} 1.0
            vllm:num_requests_waiting{model_name="m"} 0.0
            vllm:gpu_cache_usage_perc{model_name="m"} 0.25
            vllm:gpu_prefix_cache_queries_total{model_name="m"} 64.0
            vllm:gpu_prefix_cache_hits_total{model_name="m"} 32.0
            """);
    assertEquals(0.25, r.kvCacheUsage());
    assertEquals(64.0, r.prefixCacheQueries());
    assertEquals(32.0, r.prefixCacheHits());
    assertTrue(Double.isNaN(r.preemptions()));
  }

  @Test
  void sglang() {
    ServerReading r =
        read(
            """
            # TYPE sglang:num_running_reqs gauge
            sglang:num_running_reqs{model_name="Qwen/Qwen3-8B"} 8.0
            sglang:num_queue_reqs{model_name="Qwen/Qwen3-8B"} 4.0
            sglang:token_usage{model_name="Qwen/Qwen3-8B"} 0.42
            sglang:cache_hit_rate{model_name="Qwen/Qwen3-8B"} 0.28
            """);
    assertEquals(8.0, r.running());
    assertEquals(4.0, r.waiting());
    assertEquals(0.42, r.kvCacheUsage());
    assertEquals(0.28, r.prefixCacheHitRate());
    assertTrue(Double.isNaN(r.prefixCacheQueries()));
  }

  @Test
  void llamaCppAndTgi() {
    ServerReading llama =
        read(
            """
            # HELP llamacpp:kv_cache_usage_ratio KV-cache usage. 1 means 100 percent usage.
            # TYPE llamacpp:kv_cache_usage_ratio gauge
            llamacpp:kv_cache_usage_ratio 0.63
            llamacpp:requests_processing 2
            llamacpp:requests_deferred 1
            """);
    assertEquals(0.63, llama.kvCacheUsage());
    assertEquals(2.0, llama.running());
    assertEquals(1.0, llama.waiting());
    ServerReading tgi = read("tgi_batch_current_size 4\ntgi_queue_size 7\n");
    assertEquals(4.0, tgi.running());
    assertEquals(7.0, tgi.waiting());
    assertTrue(Double.isNaN(tgi.kvCacheUsage()));
    assertTrue(KnownFamilies.anyKnown(tgi));
  }

  @Test
  void gpuMemoryFromADcgmExporterInMibOrTritonInBytesSummedOverGpus() {
    ServerReading dcgm =
        read(
            """
            # TYPE DCGM_FI_DEV_FB_USED gauge
            DCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-a",modelName="NVIDIA H100 80GB HBM3"} 70000
            DCGM_FI_DEV_FB_USED{gpu="1",UUID="GPU-b",modelName="NVIDIA H100 80GB HBM3"} 1024
            DCGM_FI_DEV_FB_FREE{gpu="0"} 11000
            """);
    assertEquals((70_000 + 1_024) * 1024.0 * 1024.0, dcgm.gpuMemoryUsedBytes());
    assertTrue(KnownFamilies.anyKnown(dcgm), "a DCGM exporter alone is worth sampling");
    assertTrue(Double.isNaN(dcgm.running()));

    ServerReading triton =
        read(
            """
            nv_gpu_memory_used_bytes{gpu_uuid="GPU-a"} 2.5e10
            nv_gpu_memory_used_bytes{gpu_uuid="GPU-b"} 5e9
            DCGM_FI_DEV_FB_USED{gpu="0"} 1
            """);
    assertEquals(3.0e10, triton.gpuMemoryUsedBytes(), "Triton's bytes first; the same GPUs are not added twice");
    assertTrue(Double.isNaN(read("vllm:num_requests_running 1\n").gpuMemoryUsedBytes()));
  }

  @Test
  void anotherSoftwaresMetricsAreRecognisedAsUnknown() {
    assertFalse(KnownFamilies.anyKnown(read("process_cpu_seconds_total 12.5\ngo_goroutines 8\n")));
  }
}
