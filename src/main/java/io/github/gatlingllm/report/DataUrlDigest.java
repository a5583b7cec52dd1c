package io.github.gatlingllm.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A short stand-in for a {@code data:} URL in a logged prompt: its header kept as is, its payload replaced by the
 * payload's size and a hash, e.g. {@code data:image/png;base64,<786432 bytes sha256:1f0c3a9e5b7d2468>}.
 *
 * <p>The size counts the payload's bytes (decoded, for base64), so it matches the image file; the hash is the first
 * 16 hex digits (64 bits) of the SHA-256 of those bytes: enough to tell which pool image a request sent, and to check
 * it against a file with {@code sha256sum}. A 512 x 512 noise PNG is about 1 MB of base64 per request: logging it
 * whole would make {@code llm-requests.jsonl} a gigabyte per thousand requests.
 */
final class DataUrlDigest {
  /**
   * A data URL's header (RFC 2397): a media type made of token characters (no spaces, so prose such as "data: see
   * below, ..." does not match), optional parameters, the comma.
   */
  private static final Pattern HEADER =
      Pattern.compile("data:(?:[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+)?(?:;[A-Za-z0-9!#$&^_.+=-]+)*,");

  private static final String BASE64 = ";base64,";
  private static final int HASH_HEX_DIGITS = 16;

  private DataUrlDigest() {}

  /** Whether {@code text} is a whole data URL (a cheap check before {@link #describe}). */
  static boolean isDataUrl(String text) {
    return text.startsWith("data:") && HEADER.matcher(text).lookingAt();
  }

  /** The descriptor of a data URL, or {@code text} unchanged when it is not one. */
  static String describe(String text) {
    if (!text.startsWith("data:")) {
      return text;
    }
    Matcher header = HEADER.matcher(text);
    if (!header.lookingAt()) {
      return text;
    }
    String head = text.substring(0, header.end());
    byte[] payload = payload(head, text.substring(header.end()));
    return head + "<" + payload.length + " bytes sha256:" + sha256Prefix(payload) + ">";
  }

  /** The bytes the URL carries: base64-decoded when so marked and valid, else the text's UTF-8 bytes. */
  private static byte[] payload(String head, String data) {
    if (head.endsWith(BASE64)) {
      try {
        return Base64.getDecoder().decode(data);
      } catch (IllegalArgumentException e) {
        // Not valid base64: describe the text as written rather than fail the log line.
      }
    }
    return data.getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256Prefix(byte[] bytes) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(hash, 0, HASH_HEX_DIGITS / 2);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
