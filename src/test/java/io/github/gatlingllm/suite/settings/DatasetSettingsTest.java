package io.github.gatlingllm.suite.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.dataset.DatasetRequest;
import io.github.gatlingllm.dataset.WordTestTokenizer;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The file-based datasets load from the classpath too: Gatling Enterprise has no project folder. */
class DatasetSettingsTest {
  private static final WordTestTokenizer WORDS = new WordTestTokenizer();

  private static List<DatasetRequest> load(String dataset, Map<String, String> values) {
    Properties properties = new Properties();
    properties.putAll(values);
    properties.put("llm.dataset", dataset);
    return DatasetSettings.from(LlmProperties.of(properties, DatasetSettings.PROPERTIES)).load(WORDS, 4, 0, false);
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
