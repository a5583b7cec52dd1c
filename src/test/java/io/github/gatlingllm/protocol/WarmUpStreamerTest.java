package io.github.gatlingllm.protocol;

import io.github.gatlingllm.client.TlsSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.api.Dialect;
import io.github.gatlingllm.api.GenerationRequest;
import io.github.gatlingllm.api.OpenAiChatDialect;
import io.github.gatlingllm.api.OpenAiCompletionsDialect;
import io.github.gatlingllm.client.ClientSettings;
import io.github.gatlingllm.client.EventLoopTest;
import io.github.gatlingllm.client.HttpTarget;
import io.github.gatlingllm.client.StreamingHttpClient;
import io.github.gatlingllm.client.StreamingRequest;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The warm-up's loopback streamer, read over a real socket by the real client and both OpenAI dialects. */
class WarmUpStreamerTest extends EventLoopTest {
  /** One full cycle of the streamer's tokens, as the client decodes them (escape and UTF-8 resolved). */
  private static final String ONE_CYCLE = " warm up\n caf\u00e9 the client \u2014 \"ok\"";

  private WarmUpStreamer streamer;
  private StreamingHttpClient client;
  private HttpTarget target;

  @BeforeEach
  void start() {
    streamer = WarmUpStreamer.start();
    client =
        new StreamingHttpClient(
            new ClientSettings(
                NioSocketChannel::new,
                Duration.ofSeconds(5),
                Duration.ZERO,
                Duration.ZERO,
                Duration.ofSeconds(30),
                TlsSettings.VERIFIED));
    target = HttpTarget.parse(streamer.baseUrl());
  }

  @AfterEach
  void stop() {
    client.close();
    streamer.close();
  }

  @Test
  void completionsStreamDecodesWithTheRequestedTokens() throws Exception {
    RequestRecord record = send(OpenAiCompletionsDialect.INSTANCE, 8);

    assertSucceeded(record);
    assertEquals(8, record.chunkCount());
    assertEquals(8, record.answerChunkCount());
    assertEquals(8, record.outputTokens());
    assertEquals(TokenSource.USAGE, record.outputTokenSource());
    assertEquals(WarmUpStreamResponder.PROMPT_TOKENS, record.promptTokens());
    assertEquals(ONE_CYCLE, record.generatedText());
  }

  @Test
  void chatStreamDecodesWithTheRequestedTokens() throws Exception {
    RequestRecord record = send(OpenAiChatDialect.INSTANCE, 8);

    assertSucceeded(record);
    // vLLM's shape: a role chunk (non-empty choices, so a chunk, but no visible content) before the 8 tokens.
    assertEquals(9, record.chunkCount());
    assertEquals(8, record.answerChunkCount());
    assertEquals(8, record.outputTokens());
    assertEquals(TokenSource.USAGE, record.outputTokenSource());
    assertEquals(ONE_CYCLE, record.generatedText());
  }

  @Test
  void longStreamCyclesTheTokens() throws Exception {
    RequestRecord record = send(OpenAiCompletionsDialect.INSTANCE, 1000);

    assertSucceeded(record);
    assertEquals(1000, record.chunkCount());
    assertEquals(1000, record.outputTokens());
    assertTrue(record.generatedText().startsWith(ONE_CYCLE + ONE_CYCLE), record.generatedText());
  }

  @Test
  void keepAliveServesSequentialRequestsOfBothShapesOnOneConnection() throws Exception {
    for (int i = 0; i < 6; i++) {
      Dialect dialect = i % 2 == 0 ? OpenAiCompletionsDialect.INSTANCE : OpenAiChatDialect.INSTANCE;
      RequestRecord record = send(dialect, 5 + i);
      assertSucceeded(record);
      assertEquals(5 + i, record.outputTokens());
    }
    assertEquals(1, streamer.connectionsAccepted());
  }

  @Test
  void withoutMaxTokensTheStreamHasTheDefaultCount() throws Exception {
    RequestRecord record = send(OpenAiCompletionsDialect.INSTANCE, null);

    assertSucceeded(record);
    assertEquals(WarmUpStreamResponder.DEFAULT_TOKENS, record.outputTokens());
  }

  @Test
  void theStreamIsChunkedSseEndingWithUsageAndDone() throws Exception {
    // Read by another HTTP client than ours: the framing is the codec's, as a serving engine's would be.
    HttpURLConnection post =
        (HttpURLConnection) URI.create(streamer.baseUrl() + "/v1/completions").toURL().openConnection();
    try {
      post.setRequestMethod("POST");
      post.setDoOutput(true);
      post.getOutputStream().write("{\"max_tokens\":3}".getBytes(StandardCharsets.UTF_8));
      assertEquals(200, post.getResponseCode());
      assertEquals("chunked", post.getHeaderField("Transfer-Encoding"));
      assertTrue(post.getContentType().startsWith("text/event-stream"), post.getContentType());
      String body = new String(post.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String[] events = body.split("\n\n");
      assertEquals(5, events.length, body); // 3 tokens, usage, [DONE]
      assertTrue(events[2].contains("\"finish_reason\":\"length\""), events[2]);
      assertTrue(
          events[3].contains("\"choices\":[],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":3,"), events[3]);
      assertEquals("data: [DONE]", events[4]);
    } finally {
      post.disconnect();
    }
  }

  @Test
  void onlyPostIsAnswered() throws Exception {
    HttpURLConnection get = (HttpURLConnection) URI.create(streamer.baseUrl() + "/v1/models").toURL().openConnection();
    try {
      assertEquals(405, get.getResponseCode());
    } finally {
      get.disconnect();
    }
  }

  @Test
  void maxTokensIsReadWithoutParsingTheJson() {
    assertEquals(64, WarmUpStreamResponder.maxTokens(body("{\"model\":\"m\",\"max_tokens\":64,\"stream\":true}")));
    assertEquals(7, WarmUpStreamResponder.maxTokens(body("{\"max_tokens\" : 7}")));
    assertEquals(1, WarmUpStreamResponder.maxTokens(body("{\"max_tokens\":0}")));
    assertEquals(
        WarmUpStreamResponder.MAX_TOKENS, WarmUpStreamResponder.maxTokens(body("{\"max_tokens\":99999999999999}")));
    assertEquals(WarmUpStreamResponder.DEFAULT_TOKENS, WarmUpStreamResponder.maxTokens(body("{\"max_tokens\":null}")));
    assertEquals(WarmUpStreamResponder.DEFAULT_TOKENS, WarmUpStreamResponder.maxTokens(body("{\"model\":\"m\"}")));
  }

  @Test
  void closeIsIdempotent() {
    streamer.close();
    streamer.close();
  }

  // ---- helpers ----

  private static ByteBuf body(String json) {
    return Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
  }

  /** One request on the test loop, recorded exactly as the measured action and the warm-up record theirs. */
  private RequestRecord send(Dialect dialect, Integer maxTokens) throws Exception {
    CompletableFuture<RequestRecord> done = new CompletableFuture<>();
    byte[] body = dialect.body(new GenerationRequest("warm-up", "warm up", null, maxTokens, true, null, null));
    StreamingRequest request = new StreamingRequest(target, dialect.defaultPath(), List.of(), body);
    loop.execute(
        () -> {
          RecordingStreamHandler handler =
              new RecordingStreamHandler() {
                @Override
                protected void completed(RequestRecord record) {
                  done.complete(record);
                }
              };
          handler.record(new StreamRecording(dialect, new RequestRecord("test")).captureGeneratedText());
          client.execute(loop, request, handler);
        });
    return done.get(30, TimeUnit.SECONDS);
  }

  private static void assertSucceeded(RequestRecord record) {
    assertNull(record.error(), () -> record.errorLabel() + ": " + record.errorDetail());
    assertTrue(record.success());
    assertEquals(200, record.httpStatus());
  }
}
