package io.github.gatlingllm.report;

import io.github.gatlingllm.suite.reports.LlmOnRayReport;
import io.github.gatlingllm.suite.reports.ServerInfoFile;
import io.github.gatlingllm.suite.reports.ThroughputReport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.SummaryCalculator;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.metrics.TestRecords;
import io.github.gatlingllm.metrics.TokenSource;
import io.github.gatlingllm.servermetrics.ServerMetricsRecorder;
import io.github.gatlingllm.servermetrics.ServerReading;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadModelOutputsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private PrintStream out() {
    return new PrintStream(console, true, StandardCharsets.UTF_8);
  }

  private static RunResults results(Path folder, List<RequestRecord> records) {
    RunDescription run = new RunDescription("openai", null, null, "org/model", "org/model", records.size(),
        Double.POSITIVE_INFINITY, 1.0, null, 0);
    BenchmarkSummary summary = SummaryCalculator.compute(records, run, SummaryOptions.defaults());
    return new RunResults(folder, summary, records);
  }

  /** {@code count} requests of scenario {@code name}, one every 100 ms, each 8 prompt and 2 output tokens. */
  private static List<RequestRecord> step(String name, int count, double startMs) {
    List<RequestRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      RequestRecord r = new RequestRecord("completion");
      r.origin(name, i, i + 1);
      double t = startMs + 100 * i;
      r.sent(TestRecords.ms(t));
      r.chunk(TestRecords.ms(t + 20));
      r.chunk(TestRecords.ms(t + 30));
      r.promptTokens(8, TokenSource.USAGE);
      r.outputTokens(2, TokenSource.USAGE);
      r.httpStatus(200);
      r.ended(TestRecords.ms(t + 31));
      records.add(r);
    }
    return records;
  }

  @Test
  void profileFileNamesUseTheModelsLastSegment() {
    assertEquals("Llama-3-8B_6144-2048_5.json", ScenarioFiles.profileFileName("meta-llama/Llama-3-8B", 6144, 2048, 5));
    assertEquals("a_b_100-150_1.json", ScenarioFiles.profileFileName("a b", 100, 150, 1));
  }

  @Test
  void oneVllmFilePerScenarioWithThatScenariosRequestsOnly() throws Exception {
    List<RequestRecord> records = new ArrayList<>(step("concurrency 1", 10, 0));
    records.addAll(step("concurrency 4", 6, 2000));
    ScenarioFiles files =
        new ScenarioFiles(
            List.of(
                new ScenarioFiles.Entry("concurrency 1", "m_8-2_1.json", 10, 1, Map.of("concurrency", 1)),
                new ScenarioFiles.Entry("concurrency 4", "m_8-2_4.json", 6, 4, Map.of("concurrency", 4))),
            out());
    files.write(results(folder, records));

    JsonNode one = JSON.readTree(folder.resolve("m_8-2_1.json").toFile());
    assertEquals(10, one.get("completed").asInt());
    assertEquals(10, one.get("num_prompts").asInt());
    assertEquals(1, one.get("max_concurrency").asInt());
    assertEquals("inf", one.get("request_rate").asText());
    assertEquals(80, one.get("total_input_tokens").asInt());
    assertEquals(20.0, one.get("mean_ttft_ms").asDouble(), 1e-9);
    assertEquals("concurrency 1", one.get("scenario").asText());
    assertEquals(1, one.get("concurrency").asInt());
    assertFalse(one.has("scenarios"), "a single scenario's file has no per-scenario section");
    JsonNode four = JSON.readTree(folder.resolve("m_8-2_4.json").toFile());
    assertEquals(6, four.get("completed").asInt());
    assertEquals(4, four.get("max_concurrency").asInt());

    assertEquals(0.531, four.get("duration").asDouble(), 1e-6); // sends from 2000 ms, last stream end 2531 ms
    String printed = console.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("concurrency 1") && printed.contains("concurrency 4"), printed);
  }

  @Test
  void withoutARunFolderTheOutputsOnlyPrint() throws Exception {
    new ThroughputReport(out(), "random").write(results(null, TestRecords.scenario()));
    new LlmOnRayReport(out()).write(results(null, TestRecords.scenario()));
    String printed = console.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("Throughput: "), printed);
    assertTrue(printed.contains("Average latency for Next Tokens: "), printed);
  }

  @Test
  void throughputJsonHasVllmsKeysFirst() throws Exception {
    new ThroughputReport(out(), "sharegpt").write(results(folder, step("throughput", 4, 0)));
    JsonNode json = JSON.readTree(folder.resolve(ThroughputReport.FILE_NAME).toFile());
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertEquals(
        List.of("elapsed_time", "num_requests", "total_num_tokens", "requests_per_second", "tokens_per_second"),
        keys.subList(0, 5));
    assertEquals("sharegpt", json.get("dataset_name").asText());
    assertEquals(4, json.get("num_requests").asInt());
    assertEquals(40, json.get("total_num_tokens").asInt());
    assertEquals(8.0, json.get("avg_prompt_tokens").asDouble());
    double elapsed = json.get("elapsed_time").asDouble();
    assertEquals(0.331, elapsed, 1e-6); // first send at 0, last stream end at 331 ms
    assertEquals(4 / elapsed, json.get("requests_per_second").asDouble(), 1e-9);
    String printed = console.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("Total num output tokens:  8"), printed);
  }

  @Test
  void llmOnRayJsonHasItsKeys() throws Exception {
    List<RequestRecord> records = step("llm-on-ray", 3, 0);
    LlmOnRayReport report = new LlmOnRayReport(out());
    records.forEach(report::onRecord); // as the statistics thread hands them over during a run
    report.write(results(folder, records));
    JsonNode json = JSON.readTree(folder.resolve(LlmOnRayReport.FILE_NAME).toFile());
    for (String key : new String[] {"num_prompts", "benchmark_time", "min_prompt_len", "med_prompt_len",
        "max_prompt_len", "throughput_requests_per_s", "input_throughput_tokens_per_s",
        "output_throughput_tokens_per_s", "avg_latency", "avg_per_token_latency", "avg_first_token_latency",
        "avg_next_token_latency"}) {
      assertTrue(json.has(key), key);
    }
    assertEquals(0.030, json.get("avg_latency").asDouble(), 1e-9);
    assertEquals(0.020, json.get("avg_first_token_latency").asDouble(), 1e-9);
    assertEquals(0.010, json.get("avg_next_token_latency").asDouble(), 1e-9);
    assertEquals(0.015, json.get("avg_per_token_latency").asDouble(), 1e-9);
    String printed = console.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("Prompt Length (Min/Med/Max): 8 / 8 / 8"), printed);
    assertTrue(printed.contains("Average latency per Request: 0.030 s"), printed);
  }

  @Test
  void serverInfoIsWrittenAsGiven() throws Exception {
    List<String> asked = new ArrayList<>();
    new ServerInfoFile(Map.of("max_model_len", 8192), () -> {
      asked.add("after the load");
      return Map.of("ollama_loaded_models", List.of(Map.of("name", "m", "size_vram", 42)));
    }).write(results(folder, List.of()));
    JsonNode info = JSON.readTree(Files.readString(folder.resolve("server-info.json")));
    assertEquals(8192, info.get("max_model_len").asInt());
    assertTrue(info.get("gpu_memory_used_bytes").isNull(), "no sampled GPU memory");
    assertEquals(List.of("after the load"), asked);
    assertEquals(42, info.get("ollama_loaded_models").get(0).get("size_vram").asInt());
  }

  @Test
  void serverInfoHoldsTheGpuMemoryTheSampledMetricsShowed() throws Exception {
    ServerMetricsRecorder recorder = new ServerMetricsRecorder("u", 0, row -> {});
    double na = Double.NaN;
    recorder.add(0, new ServerReading(1, 0, na, na, na, na, na, 4e9));
    recorder.add(1_000_000_000L, new ServerReading(1, 0, na, na, na, na, na, 6e9));
    RunResults sampled = results(folder, List.of());
    sampled = new RunResults(folder, sampled.summary(), sampled.recording(), null, recorder.result());
    new ServerInfoFile(Map.of()).write(sampled);
    JsonNode gpu = JSON.readTree(Files.readString(folder.resolve("server-info.json"))).get("gpu_memory_used_bytes");
    assertEquals(5e9, gpu.get("mean").asDouble());
    assertEquals(6e9, gpu.get("max").asDouble());
    assertEquals(2, gpu.get("samples").asInt());
    String block = ServerMetricsBlock.render(recorder.result());
    assertTrue(block.contains("GPU memory used mean / max (GiB):") && block.contains("4.66 / 5.59"), block);
  }
}
