package io.github.gatlingllm.servermetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  /** The shape vLLM's /metrics has: HELP and TYPE lines, labelled gauges, counters with _total, a histogram. */
  private static final String VLLM =
      """
      # HELP vllm:num_requests_running Number of requests in model execution batches.
      # TYPE vllm:num_requests_running gauge
      vllm:num_requests_running{engine="0",model_name="Qwen/Qwen3-8B"} 12.0
      # HELP vllm:prefix_cache_queries_total Prefix cache queries, in terms of number of queried tokens.
      # TYPE vllm:prefix_cache_queries_total counter
      vllm:prefix_cache_queries_total{engine="0",model_name="Qwen/Qwen3-8B"} 1.5e+06
      # HELP vllm:time_to_first_token_seconds Histogram of time to first token in seconds.
      # TYPE vllm:time_to_first_token_seconds histogram
      vllm:time_to_first_token_seconds_bucket{engine="0",le="0.001",model_name="Qwen/Qwen3-8B"} 0.0
      vllm:time_to_first_token_seconds_bucket{engine="0",le="+Inf",model_name="Qwen/Qwen3-8B"} 42.0
      vllm:time_to_first_token_seconds_count{engine="0",model_name="Qwen/Qwen3-8B"} 42.0
      vllm:time_to_first_token_seconds_sum{engine="0",model_name="Qwen/Qwen3-8B"} 3.25
      """;

  @Test
  void readsNamesLabelsAndValuesOfEveryKindOfLine() {
    PrometheusText.Parsed parsed = PrometheusText.parse(VLLM);
    assertEquals(0, parsed.malformed());
    assertTrue(parsed.looksLikePrometheus());
    List<PrometheusSample> samples = parsed.samples();
    assertEquals(6, samples.size());
    assertEquals("vllm:num_requests_running", samples.get(0).name());
    assertEquals(Map.of("engine", "0", "model_name", "Qwen/Qwen3-8B"), samples.get(0).labels());
    assertEquals(12.0, samples.get(0).value());
    assertEquals(1_500_000.0, samples.get(1).value());
    assertEquals("+Inf", samples.get(3).labels().get("le"));
    assertEquals(3.25, samples.get(5).value());
  }

  @Test
  void specialValuesTimestampsAndNoLabels() {
    List<PrometheusSample> samples =
        PrometheusText.parse("a NaN\nb +Inf\nc -Inf 1700000000000\nd{} 7\ntgi_queue_size 3 1700000000000\n").samples();
    assertTrue(Double.isNaN(samples.get(0).value()));
    assertEquals(Double.POSITIVE_INFINITY, samples.get(1).value());
    assertEquals(Double.NEGATIVE_INFINITY, samples.get(2).value());
    assertEquals(7.0, samples.get(3).value());
    assertEquals(Map.of(), samples.get(3).labels());
    assertEquals(3.0, samples.get(4).value());
  }

  @Test
  void labelValuesUnescapeQuotesBackslashesAndNewlines() {
    PrometheusSample s =
        PrometheusText.sample("m{path=\"C:\\\\x\",q=\"say \\\"hi\\\"\",nl=\"a\\nb\", spaced = \"v, w\" ,} 1");
    assertEquals("C:\\x", s.labels().get("path"));
    assertEquals("say \"hi\"", s.labels().get("q"));
    assertEquals("a\nb", s.labels().get("nl"));
    assertEquals("v, w", s.labels().get("spaced"));
  }

  @Test
  void malformedLinesAreCountedNotFatal() {
    PrometheusText.Parsed parsed = PrometheusText.parse("good 1\nm{a=\"unterminated} 1\nno_value\nx 1 2 3\n");
    assertEquals(1, parsed.samples().size());
    assertEquals(3, parsed.malformed());
    assertNull(PrometheusText.sample("{a=\"b\"} 1"));
    assertNull(PrometheusText.sample("m{a=   "));
    assertNull(PrometheusText.sample("m{a"));
    assertNull(PrometheusText.sample("m{a=\"b\\"));
  }

  @Test
  void anHtmlPageIsNotPrometheus() {
    assertFalse(PrometheusText.parse("<html><body>Not Found</body></html>\n").looksLikePrometheus());
    assertFalse(PrometheusText.parse("{\"detail\":\"Not Found\"}").looksLikePrometheus());
    assertFalse(PrometheusText.parse("").looksLikePrometheus());
  }
}
