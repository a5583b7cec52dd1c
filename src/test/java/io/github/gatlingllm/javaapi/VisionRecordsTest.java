package io.github.gatlingllm.javaapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Vision records carry their images' estimated tokens in promptTokens, the count used when a server sends no usage. */
class VisionRecordsTest {
  private static final List<String> POOL = List.of("data:image/png;base64,AAAA");

  private static Map<String, Object> text(Object promptTokens) {
    return promptTokens == null
        ? Map.of(LlmDatasets.PROMPT, "describe it")
        : Map.of(LlmDatasets.PROMPT, "describe it", LlmDatasets.PROMPT_TOKENS, promptTokens);
  }

  @Test
  void eachImageAddsItsTokensToTheTextsCount() {
    List<Map<String, Object>> records = VisionRecords.withImages(List.of(text(50), text(7)), POOL, 2, 326);
    assertEquals(50 + 2 * 326, records.get(0).get(LlmDatasets.PROMPT_TOKENS));
    assertEquals(7 + 2 * 326, records.get(1).get(LlmDatasets.PROMPT_TOKENS));
  }

  @Test
  void withoutAnEstimateOrATextCountNothingIsAdded() {
    assertEquals(50, VisionRecords.withImages(List.of(text(50)), POOL, 1).get(0).get(LlmDatasets.PROMPT_TOKENS));
    assertEquals(50, VisionRecords.withImages(List.of(text(50)), POOL, 1, 0).get(0).get(LlmDatasets.PROMPT_TOKENS));
    Map<String, Object> uncounted = VisionRecords.withImages(List.of(text(null)), POOL, 1, 326).get(0);
    assertFalse(uncounted.containsKey(LlmDatasets.PROMPT_TOKENS), "an unknown text count stays unknown");
    assertEquals("#{x}", VisionRecords.withImages(List.of(text("#{x}")), POOL, 1, 326).get(0)
        .get(LlmDatasets.PROMPT_TOKENS), "not a number: left as given");
  }

  @Test
  void aNegativeEstimateIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> VisionRecords.withImages(List.of(text(1)), POOL, 1, -1));
  }
}
