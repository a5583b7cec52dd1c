package io.github.gatlingllm.javaapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatling.core.config.GatlingConfiguration;
import io.gatling.javaapi.core.FeederBuilder;
import io.github.gatlingllm.dataset.DatasetRequest;
import io.github.gatlingllm.dataset.WordTestTokenizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LlmDatasetsTest {
  private static final List<DatasetRequest> REQUESTS =
      List.of(new DatasetRequest("first prompt", 2, 10), new DatasetRequest("second one here", 3, 20));

  /** Gatling's DSL needs its configuration, which it otherwise only sets while loading a simulation. */
  @BeforeAll
  static void gatlingConfiguration() {
    if (io.gatling.core.Predef$.MODULE$._configuration() == null) {
      io.gatling.core.Predef$.MODULE$._configuration_$eq(GatlingConfiguration.load());
    }
  }

  @Test
  void feederRecordsHaveThePromptItsTokensAndMaxTokens() {
    FeederBuilder<Object> feeder = LlmDatasets.feeder(REQUESTS);

    List<Map<String, Object>> records = feeder.readRecords();
    assertEquals(
        List.of(
            Map.of("prompt", "first prompt", "promptTokens", 2, "maxTokens", 10),
            Map.of("prompt", "second one here", "promptTokens", 3, "maxTokens", 20)),
        records);
    assertEquals(List.of("prompt", "promptTokens", "maxTokens"), List.copyOf(records.get(0).keySet()));
    assertEquals(2, feeder.recordsCount());
  }

  @Test
  void theCallerChoosesTheStrategy() {
    assertEquals(2, LlmDatasets.feeder(REQUESTS).circular().recordsCount());
    assertEquals(2, LlmDatasets.feeder(REQUESTS).queue().readRecords().size());
  }

  @Test
  void anEmptyListCannotBeFed() {
    assertThrows(IllegalArgumentException.class, () -> LlmDatasets.feeder(List.of()));
  }

  @Test
  void loadersReturnTheDatasetsRequests() {
    WordTestTokenizer words = new WordTestTokenizer();

    assertEquals(
        10, LlmDatasets.sharegpt(Path.of("datasets/sharegpt-sample.json"), words, 10, 0, OptionalInt.empty()).size());
    assertEquals(
        4,
        LlmDatasets.ipex(Path.of("datasets/ipex-prompt.json"), words, "qwen", "512", 4, OptionalInt.of(8)).size());
    assertEquals(3, LlmDatasets.jsonl(Path.of("datasets/prompts-sample.jsonl"), words, 3, 16).size());
  }
}
