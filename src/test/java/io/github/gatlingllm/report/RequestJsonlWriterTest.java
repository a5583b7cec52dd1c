package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.metrics.RequestRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestJsonlWriterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void oneObjectPerLineWithPromptTextTimingsTokensAndError(@TempDir Path dir) throws Exception {
    List<RequestRecord> records = CsvRecords.edgeCases();
    RequestRecord a = records.get(0);
    a.prompt("[{\"role\":\"user\",\"content\":\"Say hi\\nplease\"}]");
    a.generatedText("Hello\n<world> \"quoted\"");
    Path file = dir.resolve(RequestJsonlWriter.FILE_NAME);
    try (RequestJsonlWriter writer = new RequestJsonlWriter(file, CsvRecords.ORIGIN)) {
      records.forEach(writer::onRecord);
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals(records.size(), lines.size(), "one line per request, newlines in texts escaped");

    JsonNode ok = MAPPER.readTree(lines.get(0));
    assertEquals(1, ok.get("request_id").asLong());
    assertEquals("short", ok.get("scenario").asText());
    assertEquals("ok", ok.get("status").asText());
    assertEquals(200, ok.get("http_status").asInt());
    assertTrue(ok.get("error").isNull());
    assertEquals("Say hi\nplease", ok.get("prompt").get(0).get("content").asText(), "the messages, as JSON");
    assertEquals("Hello\n<world> \"quoted\"", ok.get("generated_text").asText());
    assertEquals(1000.0, ok.get("send_ms").asDouble(), "since the run origin, as in the CSV");
    assertEquals(100.0, ok.get("ttft_ms").asDouble());
    assertEquals(50.0, ok.get("tpot_ms").asDouble());
    assertEquals(50.0, ok.get("itl_mean_ms").asDouble());
    assertEquals(250.0, ok.get("e2el_ms").asDouble());
    assertEquals(4, ok.get("chunks").asInt());
    assertEquals(10, ok.get("input_tokens").asInt());
    assertEquals(4, ok.get("output_tokens").asInt());
    assertEquals("usage", ok.get("output_token_source").asText());

    JsonNode http503 = MAPPER.readTree(lines.get(3));
    assertEquals("failed", http503.get("status").asText());
    assertEquals("HTTP 503", http503.get("error").asText());
    assertEquals("Service Unavailable", http503.get("error_detail").asText());
    assertTrue(http503.get("prompt").isNull(), "not kept");
    assertTrue(http503.get("generated_text").isNull());
    assertTrue(http503.get("ttft_ms").isNull());
    assertTrue(http503.get("output_tokens").isNull());

    JsonNode quoted = MAPPER.readTree(lines.get(5));
    assertEquals("bad \"token\", then\na new line\r\nand ,,, commas", quoted.get("error_detail").asText());
    JsonNode unsent = MAPPER.readTree(lines.get(6));
    assertTrue(unsent.get("send_ms").isNull());
    assertTrue(unsent.get("http_status").isNull());
  }
}
