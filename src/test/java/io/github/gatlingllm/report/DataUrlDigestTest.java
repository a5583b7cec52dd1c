package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.dataset.NoiseImages;
import io.github.gatlingllm.javaapi.VisionRecords;
import io.github.gatlingllm.metrics.RequestRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data URLs in logged prompts become "header<N bytes sha256:16 hex>" descriptors; nothing else changes. */
class DataUrlDigestTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static String sha256Prefix(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
  }

  @Test
  void base64PayloadIsDescribedByItsDecodedSizeAndHash() throws Exception {
    byte[] png = NoiseImages.bytes(64, 64, NoiseImages.Format.PNG, 7);
    String url = "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    assertEquals("data:image/png;base64,<" + png.length + " bytes sha256:" + sha256Prefix(png) + ">",
        DataUrlDigest.describe(url));
  }

  @Test
  void plainPayloadIsDescribedByItsUtf8Bytes() throws Exception {
    byte[] text = "h\u00e9llo".getBytes(StandardCharsets.UTF_8);
    assertEquals("data:text/plain;charset=utf-8,<6 bytes sha256:" + sha256Prefix(text) + ">",
        DataUrlDigest.describe("data:text/plain;charset=utf-8,h\u00e9llo"));
    assertEquals("data:,<0 bytes sha256:" + sha256Prefix(new byte[0]) + ">", DataUrlDigest.describe("data:,"));
  }

  @Test
  void proseAndOtherUrlsAreNotDataUrls() {
    for (String text : List.of("data: see below, then answer", "https://example.com/cat.png", "database, tables",
        "data:image/png;base64")) {
      assertFalse(DataUrlDigest.isDataUrl(text), text);
      assertSame(text, DataUrlDigest.describe(text));
    }
  }

  @Test
  void everyImageOfAMessagesArrayIsShortenedAndTheTextKept() throws Exception {
    String a = NoiseImages.dataUrl(32, 32, NoiseImages.Format.PNG, 1);
    String b = NoiseImages.dataUrl(32, 32, NoiseImages.Format.JPEG, 2);
    List<Map<String, Object>> records =
        VisionRecords.withImages(List.of(Map.of("prompt", "data: describe both, please")), List.of(a, b), 2);
    String messages = MAPPER.writeValueAsString(records.get(0).get(VisionRecords.MESSAGES));

    JsonNode shortened = MAPPER.readTree(LoggedPrompt.shorten(messages));
    JsonNode content = shortened.get(0).get("content");
    assertEquals("user", shortened.get(0).get("role").asText());
    assertEquals("data: describe both, please", content.get(0).get("text").asText(), "prose is not a data URL");
    assertEquals(DataUrlDigest.describe(a), content.get(1).get("image_url").get("url").asText());
    assertEquals(DataUrlDigest.describe(b), content.get(2).get("image_url").get("url").asText());
    assertTrue(content.get(2).get("image_url").get("url").asText().startsWith("data:image/jpeg;base64,<"));
  }

  @Test
  void textOnlyPromptsAreKeptAsIs() {
    String prompt = "\"Tell me about data: formats\"";
    assertSame(prompt, LoggedPrompt.shorten(prompt));
    String notJson = "[\"data:,x\"";
    assertSame(notJson, LoggedPrompt.shorten(notJson), "never lose a line over a bad prompt");
  }

  /** The motivating case: a 512 x 512 PNG request is ~1 MB of base64; its jsonl line stays well under 1 KB. */
  @Test
  void aVisionRequestLineIsSmall(@TempDir Path dir) throws Exception {
    String url = NoiseImages.dataUrl(512, 512, NoiseImages.Format.PNG, 3);
    assertTrue(url.length() > 1_000_000, "the image really is big: " + url.length());
    RequestRecord r = new RequestRecord("vision");
    r.requestBody(MAPPER.writeValueAsBytes(Map.of("messages",
        VisionRecords.withImages(List.of(Map.of("prompt", "What is it?")), List.of(url), 1).get(0)
            .get(VisionRecords.MESSAGES))));
    Path file = dir.resolve(RequestJsonlWriter.FILE_NAME);
    try (RequestJsonlWriter writer = new RequestJsonlWriter(file, CsvRecords.ORIGIN)) {
      writer.onRecord(r);
    }
    String line = Files.readAllLines(file).get(0);
    assertTrue(line.length() < 1_500, "line of " + line.length() + " chars");
    String logged = MAPPER.readTree(line).get("prompt").get(0).get("content").get(1).get("image_url").get("url")
        .asText();
    byte[] png = NoiseImages.bytes(512, 512, NoiseImages.Format.PNG, 3);
    assertEquals("data:image/png;base64,<" + png.length + " bytes sha256:" + sha256Prefix(png) + ">", logged,
        "the PNG file's own size and hash");
  }
}
