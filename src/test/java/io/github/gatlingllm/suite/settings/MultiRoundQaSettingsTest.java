package io.github.gatlingllm.suite.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MultiRoundQaSettingsTest {

  private static MultiRoundQaSettings settings(Map<String, String> values) {
    Properties properties = new Properties();
    properties.putAll(values);
    return MultiRoundQaSettings.from(LlmProperties.of(properties, MultiRoundQaSettings.PROPERTIES));
  }

  private static String error(Map<String, String> values) {
    return assertThrows(IllegalArgumentException.class, () -> settings(values)).getMessage();
  }

  @Test
  void defaultsRunAShortSyntheticChatAgainstAnyServer() {
    MultiRoundQaSettings s = settings(Map.of());
    assertEquals(10, s.numUsers());
    assertEquals(5, s.numRounds());
    assertEquals(2.0, s.qps());
    assertEquals(1000, s.sharedSystemPrompt());
    assertEquals(2000, s.userHistoryPrompt());
    assertEquals(100, s.answerLen());
    assertEquals(0, s.maxInputLen());
    assertEquals(Duration.ZERO, s.userLag());
    assertEquals(Duration.ofSeconds(30), s.logInterval());
    assertEquals(Optional.empty(), s.duration());
    assertEquals("synthetic", s.dataset());
    assertTrue(s.common().chat());
    // gap 5 s, lifetime 20 s, a user every 2 s: ten joiners, the last at 18 s
    assertEquals(19.0, s.joinWindowSeconds(), 1e-9);
  }

  @Test
  void everyKnobIsRead() {
    MultiRoundQaSettings s =
        settings(
            Map.ofEntries(
                Map.entry("llm.numUsers", "3"),
                Map.entry("llm.numRounds", "4"),
                Map.entry("llm.qps", "0.5"),
                Map.entry("llm.sharedSystemPrompt", "10"),
                Map.entry("llm.userHistoryPrompt", "20"),
                Map.entry("llm.answerLen", "7"),
                Map.entry("llm.maxInputLen", "4000"),
                Map.entry("llm.userLag", "10s"),
                Map.entry("llm.initUserId", "1000"),
                Map.entry("llm.requestWithUserId", "true"),
                Map.entry("llm.duration", "2m"),
                Map.entry("llm.logInterval", "5s"),
                Map.entry("llm.dataset", "sharegpt")));
    assertEquals(new io.github.gatlingllm.suite.conversation.ConversationSchedule(3, 4, 0.5, 1000), s.schedule());
    assertEquals(Duration.ofSeconds(10), s.userLag());
    assertEquals(Optional.of(Duration.ofMinutes(2)), s.duration());
    assertEquals(120.0, s.joinWindowSeconds(), 1e-9);
    assertTrue(s.requestWithUserId());
    assertEquals("datasets/sharegpt-multiturn-sample.json", s.sharegptFile().toString());
  }

  @Test
  void badValuesAreNamedWithWhatWasExpected() {
    assertTrue(error(Map.of("llm.qps", "0")).contains("llm.qps"), error(Map.of("llm.qps", "0")));
    assertTrue(error(Map.of("llm.numUsers", "0")).contains("llm.numUsers"));
    assertTrue(error(Map.of("llm.dataset", "random")).contains("llm.dataset"));
    String backend = error(Map.of("llm.backend", "openai"));
    assertTrue(backend.contains("llm.backend=openai: multi-round QA sends chat histories"), backend);
    String tooSmall = error(Map.of("llm.maxInputLen", "2500"));
    assertTrue(tooSmall.contains("llm.maxInputLen=2500: the first message alone"), tooSmall);
    assertTrue(tooSmall.contains("expected llm.maxInputLen above 3000"), tooSmall);
    String missing = assertThrows(
            IllegalArgumentException.class,
            () -> settings(Map.of("llm.dataset", "sharegpt", "llm.datasetPath", "nowhere.json")).sharegptFile())
        .getMessage();
    assertTrue(missing.contains("Dataset file not found: 'nowhere.json'"), missing);
    assertTrue(missing.contains("nor on the classpath as 'nowhere.json'"), missing);
  }

  @Test
  void theShareGptFileMayComeFromTheClasspath() throws java.io.IOException {
    java.nio.file.Path file =
        settings(Map.of("llm.dataset", "sharegpt", "llm.datasetPath", "classpath:sharegpt-multiturn-sample.json"))
            .sharegptFile();
    assertEquals(
        java.nio.file.Files.readString(java.nio.file.Path.of(MultiRoundQaSettings.SHAREGPT_SAMPLE)),
        java.nio.file.Files.readString(file));
  }
}
