package io.github.gatlingllm.javaapi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeder records for vision chat requests: each text record ({@code prompt}, {@code promptTokens}, {@code maxTokens})
 * gains {@code messages}, one user message whose content is the prompt as a text part followed by {@code
 * imagesPerRequest} {@code image_url} parts, and optionally the images' estimated tokens in {@code promptTokens}.
 * Images are taken round-robin from a pool (e.g. {@link io.github.gatlingllm.dataset.NoiseImages#pool}), so records
 * share the pool's strings rather than copy them. Send them with {@code LlmDsl.chat(name).messages("#{messages}")}.
 */
public final class VisionRecords {
  /** The record key holding the chat messages. */
  public static final String MESSAGES = "messages";

  private VisionRecords() {}

  /**
   * The records with {@code messages} added; record {@code i}'s image {@code j} is pool entry {@code (i*k + j) % n}.
   * Their {@code promptTokens} stay the text's: images are not counted (see the overload that counts them).
   */
  public static List<Map<String, Object>> withImages(
      List<Map<String, Object>> textRecords, List<String> imageUrls, int imagesPerRequest) {
    return withImages(textRecords, imageUrls, imagesPerRequest, 0);
  }

  /**
   * As {@link #withImages(List, List, int)}, each record's {@code promptTokens} (when it has a number there) also
   * counting {@code tokensPerImage} per image (e.g. {@link io.github.gatlingllm.dataset.ImageTokenEstimate#qwen2Vl}):
   * that count is what a request keeps when the server sends no usage, and an image costs a vision model far more
   * prompt tokens than the text beside it.
   */
  public static List<Map<String, Object>> withImages(
      List<Map<String, Object>> textRecords, List<String> imageUrls, int imagesPerRequest, int tokensPerImage) {
    if (imagesPerRequest < 1) {
      throw new IllegalArgumentException("imagesPerRequest must be >= 1, got " + imagesPerRequest);
    }
    if (tokensPerImage < 0) {
      throw new IllegalArgumentException("tokensPerImage must be >= 0, got " + tokensPerImage);
    }
    int imageTokens = Math.multiplyExact(imagesPerRequest, tokensPerImage);
    if (imageUrls.isEmpty()) {
      throw new IllegalArgumentException("the pool of image URLs is empty");
    }
    List<Map<String, Object>> records = new ArrayList<>(textRecords.size());
    int next = 0;
    for (Map<String, Object> text : textRecords) {
      Object prompt = text.get(LlmDatasets.PROMPT);
      if (!(prompt instanceof String)) {
        throw new IllegalArgumentException(
            "a vision record needs a string '" + LlmDatasets.PROMPT + "', got " + prompt + " in " + text.keySet());
      }
      List<Map<String, Object>> content = new ArrayList<>(1 + imagesPerRequest);
      content.add(ordered("type", "text", "text", prompt));
      for (int j = 0; j < imagesPerRequest; j++) {
        content.add(imagePart(imageUrls.get(next++ % imageUrls.size())));
      }
      Map<String, Object> record = new LinkedHashMap<>(text);
      record.put(MESSAGES, List.of(ordered("role", "user", "content", List.copyOf(content))));
      if (imageTokens > 0 && record.get(LlmDatasets.PROMPT_TOKENS) instanceof Number textTokens) {
        record.put(LlmDatasets.PROMPT_TOKENS, Math.addExact(textTokens.intValue(), imageTokens));
      }
      records.add(record);
    }
    return List.copyOf(records);
  }

  /** {@code {"type": "image_url", "image_url": {"url": url}}}. */
  public static Map<String, Object> imagePart(String url) {
    return ordered("type", "image_url", "image_url", Map.of("url", url));
  }

  /** Two entries in this order (Map.of's order changes between JVMs; the JSON body should not). */
  private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> map = new LinkedHashMap<>(4);
    map.put(k1, v1);
    map.put(k2, v2);
    return Collections.unmodifiableMap(map);
  }
}
