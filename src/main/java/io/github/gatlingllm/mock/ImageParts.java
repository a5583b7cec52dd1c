package io.github.gatlingllm.mock;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gatlingllm.dataset.ImageTokenEstimate;

/**
 * The {@code image_url} parts of chat messages: counted (each adds {@code ttftPerImageMs} to the TTFT, as an image's
 * vision encoder would) and checked, so that a malformed part is a 400 naming it. Each image also costs prompt tokens
 * as a Qwen2-VL server counts them ({@link ImageTokenEstimate}) from its size, read in its PNG or JPEG header
 * ({@link ImageSize}); an image of another format, or an {@code http(s)://} URL (counted, never fetched: loopback
 * only), costs none. A data URL must read {@code data:image/<type>;base64,<payload>}; its payload is checked for the
 * base64 alphabet and length, and only its header is decoded.
 */
final class ImageParts {
  private static final String IMAGE_URL = "image_url";

  private ImageParts() {}

  /** What the images of a request cost: how many, and their prompt tokens. */
  record Load(int images, int tokens) {
    static final Load NONE = new Load(0, 0);
  }

  /** The {@code image_url} parts in {@code messages} (an array already checked to be non-empty). */
  static Load count(JsonNode messages) {
    int images = 0;
    int tokens = 0;
    for (int m = 0; m < messages.size(); m++) {
      JsonNode content = messages.get(m).path("content");
      if (!content.isArray()) {
        continue;
      }
      for (int p = 0; p < content.size(); p++) {
        JsonNode part = content.get(p);
        if (IMAGE_URL.equals(part.path("type").asText(null))) {
          String url = check(part, "messages[" + m + "].content[" + p + "]");
          images++;
          tokens += tokens(url);
        }
      }
    }
    return new Load(images, tokens);
  }

  private static int tokens(String url) {
    if (!url.startsWith("data:")) {
      return 0;
    }
    int[] size = ImageSize.of(url);
    return size == ImageSize.UNKNOWN ? 0 : ImageTokenEstimate.qwen2Vl(size[0], size[1]);
  }

  /** The part's URL, once checked. */
  private static String check(JsonNode part, String where) {
    JsonNode imageUrl = part.get(IMAGE_URL);
    if (imageUrl == null || !imageUrl.isObject()) {
      throw bad(where + ".image_url", "must be an object {\"url\": \"data:image/...;base64,...\"}, got " + imageUrl);
    }
    JsonNode url = imageUrl.get("url");
    if (url == null || !url.isTextual() || url.textValue().isEmpty()) {
      throw bad(where + ".image_url.url", "must be a non-empty string, got " + url);
    }
    String text = url.textValue();
    if (text.startsWith("http://") || text.startsWith("https://")) {
      return text;
    }
    String problem = dataUrlProblem(text);
    if (problem != null) {
      throw bad(where + ".image_url.url", problem + ", got '" + abbreviate(text) + "'");
    }
    return text;
  }

  /** Null for a well-formed {@code data:image/<type>;base64,<payload>} URL, else what is wrong with it. */
  static String dataUrlProblem(String url) {
    int comma = url.indexOf(',');
    if (!url.startsWith("data:image/") || comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
      return "must be a data URL data:image/<type>;base64,<payload> or an http(s) URL";
    }
    int length = url.length() - comma - 1;
    if (length == 0 || length % 4 != 0) {
      return "has a base64 payload of " + length + " characters; expected a non-empty multiple of 4";
    }
    for (int i = comma + 1; i < url.length(); i++) {
      char c = url.charAt(i);
      boolean padding = c == '=' && i >= url.length() - 2;
      if (!padding && !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/')) {
        return "has a character '" + c + "' outside base64 at payload offset " + (i - comma - 1);
      }
    }
    return null;
  }

  private static MockHttpException bad(String field, String problem) {
    return MockHttpException.badRequest("Invalid image part: " + field + " " + problem, field);
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }
}
