package io.github.gatlingllm.suite.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.dataset.DatasetRequest;
import io.github.gatlingllm.dataset.TraceDataset;
import io.github.gatlingllm.dataset.TracePrompts;
import io.github.gatlingllm.dataset.WordTestTokenizer;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The file-based datasets load from the classpath too: Gatling Enterprise has no project folder. */
class DatasetSettingsTest {
  private static final WordTestTokenizer WORDS = new WordTestTokenizer();

  private static List<DatasetRequest> load(String dataset, Map<String, String> values) {
    return settings(dataset, values).load(WORDS, 4, 0, false);
  }

  private static DatasetSettings settings(String dataset, Map<String, String> values) {
    Properties properties = new Properties();
    properties.putAll(values);
    properties.put("llm.dataset", dataset);
    return DatasetSettings.from(LlmProperties.of(properties, DatasetSettings.PROPERTIES));
  }

  private static String refused(String dataset, Map<String, String> values) {
    return assertThrows(IllegalArgumentException.class, () -> settings(dataset, values)).getMessage();
  }

  @Test
  void everyTraceFormatLoadsItsSampleByDefaultAndFromTheClasspath() {
    Map<String, Integer> counts = Map.of("mooncake", 60, "azure", 56, "burstgpt", 61, "jsonl", 44);
    Map<String, String> files = Map.of("mooncake", "mooncake-sample.jsonl", "azure", "azure-sample.csv",
        "burstgpt", "burstgpt-sample.csv", "jsonl", "trace-sample.jsonl");
    counts.forEach((format, count) -> {
      DatasetSettings settings = settings("trace", Map.of("llm.traceFormat", format));
      assertTrue(settings.isTrace());
      TraceDataset byDefault = settings.loadTrace(WORDS, 0, false);
      TraceDataset fromClasspath = settings("trace", Map.of("llm.traceFormat", format,
          "llm.datasetPath", "classpath:traces/" + files.get(format))).loadTrace(WORDS, 0, false);
      assertEquals(count, byDefault.requests().size(), format);
      assertEquals(byDefault.requests(), fromClasspath.requests(), format);
      assertEquals(files.get(format), byDefault.schedule().name());
      assertEquals(files.get(format), fromClasspath.schedule().name());
      assertEquals(format, byDefault.schedule().format());
    });
  }

  @Test
  void traceKnobsReachTheReplay() {
    DatasetSettings settings = settings("trace", Map.of("llm.traceStart", "5s", "llm.traceDuration", "10000ms",
        "llm.traceMaxRequests", "20", "llm.traceSpeedup", "4", "llm.traceBlockSize", "256"));
    TraceDataset dataset = settings.loadTrace(WORDS, 0, true);
    assertEquals(20, dataset.requests().size());
    assertEquals(4.0, dataset.schedule().speedup());
    assertEquals(0.111 / 4, dataset.schedule().offsetSeconds(0), 1e-12);
    assertEquals(20, settings.traceEntries().size());
    assertTrue(dataset.report().contains("blocks of 256 tokens"), dataset.report());
    assertTrue(TracePrompts.expectedBlockReuse(settings.traceEntries(), 256).blocks() > 0);
  }

  @Test
  void aTraceIsNotLoadedWithoutItsScheduleAndOtherDatasetsHaveNone() {
    DatasetSettings trace = settings("trace", Map.of());
    String message = assertThrows(IllegalArgumentException.class, () -> trace.load(WORDS, 4, 0, false)).getMessage();
    assertTrue(message.contains("only the serving benchmark (ServingBenchmark) runs") && message.contains("loadTrace(...)"),
        message);
    DatasetSettings random = settings("random", Map.of());
    assertTrue(!random.isTrace());
    assertThrows(IllegalStateException.class, () -> random.loadTrace(WORDS, 0, false));
  }

  @Test
  void sharedPrefixIsGroupsTimesPromptsWhateverNumPrompts() {
    List<DatasetRequest> requests = load("shared-prefix", Map.of("llm.prefixGroups", "3", "llm.promptsPerGroup", "5",
        "llm.prefixLen", "20", "llm.questionLen", "6", "llm.prefixOutputLen", "9", "llm.prefixOrder", "grouped"));
    assertEquals(15, requests.size());
    requests.forEach(r -> assertEquals(26, r.promptTokens()));
    requests.forEach(r -> assertEquals(9, r.expectedOutputTokens()));
    assertEquals(1024, settings("shared-prefix", Map.of()).load(WORDS, 4, 0, false).size());
  }

  @Test
  void badTraceAndSharedPrefixValuesAreNamed() {
    assertEquals("Invalid value 'parquet' for llm.traceFormat: expected one of mooncake, azure, burstgpt, jsonl",
        refused("trace", Map.of("llm.traceFormat", "parquet")));
    assertEquals("Invalid value '0' for llm.traceSpeedup: expected a number > 0",
        refused("trace", Map.of("llm.traceSpeedup", "0")));
    assertTrue(refused("trace", Map.of("llm.traceStart", "soon")).startsWith("Invalid value 'soon' for llm.traceStart"));
    assertEquals("Invalid value '-1' for llm.traceMaxRequests: expected an integer >= 0",
        refused("trace", Map.of("llm.traceMaxRequests", "-1")));
    assertEquals("Invalid value '0' for llm.traceBlockSize: expected an integer >= 1",
        refused("trace", Map.of("llm.traceBlockSize", "0")));
    assertEquals("Invalid value 'random' for llm.prefixOrder: expected one of shuffled, grouped",
        refused("shared-prefix", Map.of("llm.prefixOrder", "random")));
    assertEquals("Invalid value '0' for llm.prefixGroups: expected an integer >= 1",
        refused("shared-prefix", Map.of("llm.prefixGroups", "0")));
  }

  @Test
  void theShippedSamplesLoadFromTheClasspath() {
    assertEquals(load("ipex", Map.of()), load("ipex", Map.of("llm.datasetPath", "classpath:ipex-prompt.json")));
    assertEquals(
        load("sharegpt", Map.of()), load("sharegpt", Map.of("llm.datasetPath", "classpath:sharegpt-sample.json")));
    assertEquals(
        load("jsonl", Map.of()), load("jsonl", Map.of("llm.datasetPath", "classpath:prompts-sample.jsonl")));
    assertEquals(4, load("ipex", Map.of("llm.datasetPath", "classpath:ipex-prompt.json")).size());
  }

  @Test
  void aMissingFileNamesItsFormat() {
    String message =
        assertThrows(IllegalArgumentException.class, () -> load("ipex", Map.of("llm.datasetPath", "missing.json")))
            .getMessage();
    assertTrue(message.contains("'missing.json'"), message);
    assertTrue(message.contains("on the classpath as 'missing.json'"), message);
    assertTrue(message.contains("expected an LLM-on-Ray prompt.json"), message);
  }
}
