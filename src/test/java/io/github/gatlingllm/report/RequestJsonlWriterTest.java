package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TestRecords;
import io.github.gatlingllm.metrics.TokenSource;
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
    byte[] body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\\nplease\"}]}"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    a.requestBody(body);
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
    assertEquals(null, a.requestBody(), "the body is let go once its line is written");
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

  /** A reasoning request's line has TTFO, the token split and the reasoning text; a plain one has nulls / "none". */
  @Test
  void reasoningFiguresAndText(@TempDir Path dir) throws Exception {
    RequestRecord thinking = new RequestRecord("chat");
    thinking.sent(TestRecords.ms(0));
    thinking.chunk(TestRecords.ms(100));
    thinking.reasoningChunk();
    thinking.chunk(TestRecords.ms(150));
    thinking.reasoningChunk();
    thinking.chunk(TestRecords.ms(400));
    thinking.firstContent(TestRecords.ms(400));
    thinking.answerChunk();
    thinking.httpStatus(200);
    thinking.outputTokens(10, TokenSource.USAGE);
    thinking.reasoningTokens(7, TokenSource.USAGE);
    thinking.generatedText("42");
    thinking.reasoningText("Let me think");
    thinking.cachedTokens(96);
    thinking.ended(TestRecords.ms(401));
    List<RequestRecord> plain = CsvRecords.edgeCases();
    Path file = dir.resolve(RequestJsonlWriter.FILE_NAME);
    try (RequestJsonlWriter writer = new RequestJsonlWriter(file, CsvRecords.ORIGIN)) {
      writer.onRecord(thinking);
      writer.onRecord(plain.get(0));
      writer.onRecord(plain.get(3));
    }
    List<String> lines = Files.readAllLines(file);

    JsonNode t = MAPPER.readTree(lines.get(0));
    assertEquals(100.0, t.get("ttft_ms").asDouble(), "TTFT: the first chunk, even a reasoning one");
    assertEquals(400.0, t.get("ttfo_ms").asDouble(), "TTFO: the first visible content");
    assertEquals(7, t.get("reasoning_tokens").asInt());
    assertEquals("usage", t.get("reasoning_token_source").asText());
    assertEquals(3, t.get("answer_tokens").asInt(), "10 output - 7 reasoning");
    assertEquals("Let me think", t.get("reasoning_text").asText());
    assertEquals("42", t.get("generated_text").asText());
    assertEquals(96, t.get("cached_tokens").asInt());

    JsonNode ok = MAPPER.readTree(lines.get(1));
    assertTrue(ok.get("reasoning_tokens").isNull(), "no reasoning seen nor reported");
    assertEquals("none", ok.get("reasoning_token_source").asText());
    assertEquals(4, ok.get("answer_tokens").asInt(), "all of the output");
    assertTrue(ok.get("reasoning_text").isNull(), "not captured");
    assertTrue(ok.has("ttfo_ms"));
    assertTrue(ok.get("cached_tokens").isNull(), "the server did not say");

    JsonNode failed = MAPPER.readTree(lines.get(2));
    assertTrue(failed.get("ttfo_ms").isNull(), "no content came");
    assertTrue(failed.get("answer_tokens").isNull(), "no output count");
  }

  @Test
  void reasoningNeverMakesTheAnswerNegative() {
    RequestRecord r = new RequestRecord("chat");
    r.outputTokens(3, TokenSource.USAGE);
    r.reasoningTokens(5, TokenSource.CHUNKS);
    assertEquals(0, ReasoningJsonFields.answerTokens(r));
  }
}
