package io.github.gatlingllm.suite.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.api.LlmOnRaySimpleDialect;
import io.github.gatlingllm.api.OpenAiChatDialect;
import io.github.gatlingllm.api.OpenAiCompletionsDialect;
import io.github.gatlingllm.api.TgiGenerateDialect;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@code llm.backend}: the wire format, by default derived from {@code llm.endpoint}. */
class BackendSettingsTest {

  private static CommonSettings common(Map<String, String> values) {
    Properties properties = new Properties();
    properties.putAll(values);
    return ServingSettings.from(LlmProperties.of(properties, ServingSettings.PROPERTIES)).common();
  }

  @Test
  void defaultFollowsTheEndpoint() {
    CommonSettings completions = common(Map.of());
    assertEquals("openai", completions.backend());
    assertEquals(OpenAiCompletionsDialect.INSTANCE, completions.dialect());
    assertEquals("completion", completions.requestName());
    CommonSettings chat = common(Map.of("llm.endpoint", "/v1/chat/completions"));
    assertEquals("openai-chat", chat.backend());
    assertEquals(OpenAiChatDialect.INSTANCE, chat.dialect());
    assertEquals("chat", chat.requestName());
    assertTrue(chat.chat());
  }

  @Test
  void tgiIsSelectedByName() {
    CommonSettings tgi = common(Map.of("llm.backend", "tgi"));
    assertEquals(TgiGenerateDialect.INSTANCE, tgi.dialect());
    assertEquals("tgi", tgi.requestName());
    assertFalse(tgi.chat(), "TGI takes raw prompts");
  }

  @Test
  void llmOnRaySimpleIsSelectedByNameOrBySimple() {
    for (String name : new String[] {"llm-on-ray-simple", "simple"}) {
      CommonSettings simple = common(Map.of("llm.backend", name));
      assertEquals(LlmOnRaySimpleDialect.INSTANCE, simple.dialect());
      assertEquals("llm-on-ray-simple", simple.backend(), "the alias is stored as the full name");
      assertEquals("llm-on-ray-simple", simple.requestName());
      assertFalse(simple.chat(), "LLM-on-Ray's simple mode takes one text");
    }
  }

  @Test
  void pathOverridesTheBackendsRouteOnlyWhenSet() {
    assertTrue(common(Map.of("llm.backend", "simple")).path().isEmpty());
    assertEquals(
        "/my-route", common(Map.of("llm.backend", "simple", "llm.path", "/my-route")).path().orElseThrow());
  }

  @Test
  void backendWinsOverTheEndpoint() {
    CommonSettings s = common(Map.of("llm.endpoint", "/v1/chat/completions", "llm.backend", "openai"));
    assertEquals(OpenAiCompletionsDialect.INSTANCE, s.dialect());
    assertFalse(s.chat());
  }

  @Test
  void unknownBackendListsTheKnownOnes() {
    String message =
        assertThrows(IllegalArgumentException.class, () -> common(Map.of("llm.backend", "vllm"))).getMessage();
    assertTrue(message.contains("llm.backend") && message.contains("openai, openai-chat, tgi, llm-on-ray-simple, simple"), message);
  }
}
