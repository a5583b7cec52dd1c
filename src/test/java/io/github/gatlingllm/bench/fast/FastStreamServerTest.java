package io.github.gatlingllm.bench.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.api.GenerationRequest;
import io.github.gatlingllm.api.OpenAiCompletionsDialect;
import io.github.gatlingllm.client.ClientSettings;
import io.github.gatlingllm.client.EventLoopTest;
import io.github.gatlingllm.client.HttpTarget;
import io.github.gatlingllm.client.StreamingHttpClient;
import io.github.gatlingllm.client.StreamingRequest;
import io.github.gatlingllm.client.TlsSettings;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenSource;
import io.github.gatlingllm.protocol.RecordingStreamHandler;
import io.github.gatlingllm.protocol.StreamRecording;
import io.netty.buffer.Unpooled;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The calibration server over a real loopback socket: its format, read by our own client, and its truth. */
class FastStreamServerTest extends EventLoopTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FastStreamServer server(int tokens, long skip) {
    FastStreamServer server =
        FastStreamServer.start(new FastServerOptions(0, 5, 2, tokens, 1, FastServerOptions.DEFAULT_BACKLOG, skip));
    return track(server);
  }

  @Test
  void streamsChunkedSseThatEndsWithUsageAndDone() throws Exception {
    FastStreamServer server = server(3, 0);
    // Another HTTP client than ours reads the framing.
    HttpURLConnection post = (HttpURLConnection) URI.create(server.baseUrl() + "/v1/completions").toURL().openConnection();
    try {
      post.setRequestMethod("POST");
      post.setDoOutput(true);
      post.getOutputStream().write("{\"prompt\":\"hi\",\"max_tokens\":3,\"stream\":true}".getBytes(StandardCharsets.UTF_8));
      assertEquals(200, post.getResponseCode());
      assertEquals("chunked", post.getHeaderField("Transfer-Encoding"));
      assertTrue(post.getContentType().startsWith("text/event-stream"));
      String[] events = new String(post.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n\n");
      assertEquals(5, events.length); // 3 tokens, usage, [DONE]
      assertTrue(events[0].contains("\"object\":\"text_completion\""), events[0]);
      assertTrue(events[0].contains("\"text\":\" tok\",\"logprobs\":null,\"finish_reason\":null"), events[0]);
      assertTrue(events[2].contains("\"finish_reason\":\"length\""), events[2]);
      assertTrue(events[3].contains("\"choices\":[],\"usage\":{\"prompt_tokens\":16,\"completion_tokens\":3,"), events[3]);
      assertEquals("data: [DONE]", events[4]);
    } finally {
      post.disconnect();
    }
  }

  @Test
  void ourClientCountsTheTokensOverOneKeptAliveConnection() throws Exception {
    FastStreamServer server = server(10, 0);
    StreamingHttpClient client = track(client());
    HttpTarget target = HttpTarget.parse(server.baseUrl());
    for (int i = 0; i < 3; i++) {
      RequestRecord record = send(client, target);
      assertNull(record.error(), () -> record.errorLabel() + ": " + record.errorDetail());
      assertTrue(record.success());
      assertEquals(10, record.chunkCount());
      assertEquals(10, record.outputTokens());
      assertEquals(TokenSource.USAGE, record.outputTokenSource());
      assertEquals(" tok".repeat(10), record.generatedText());
      // TTFT 5 ms and 9 gaps of 2 ms on the server's 1 ms steps: the client cannot see less.
      assertTrue(record.ttftNanos() >= 4_000_000L, () -> "ttft " + record.ttftNanos());
    }
    JsonNode stats = stats(server);
    assertEquals(2, stats.get("connections_accepted").asLong()); // the client's kept-alive one, and this GET
    assertEquals(3, stats.get("requests").asLong());
    assertEquals(3, stats.get("first_chunks").asLong());
    assertEquals(30, stats.get("chunks").asLong());
    assertEquals(27, stats.path("itl_ms").get("count").asLong());
    // No bound on the gaps themselves: on a busy machine a late chunk is followed by a shorter gap (the schedule is
    // absolute) or shares its flush with the next one (a 0-gap), so only the counts are deterministic.
    assertTrue(stats.get("mean_first_chunk_nanotime").asLong() < System.nanoTime());
  }

  @Test
  void warmUpsStayOutOfTheTruthAndResetZeroesIt() throws Exception {
    FastStreamServer server = server(4, 2);
    StreamingHttpClient client = track(client());
    HttpTarget target = HttpTarget.parse(server.baseUrl());
    for (int i = 0; i < 3; i++) {
      assertTrue(send(client, target).success());
    }
    JsonNode stats = stats(server);
    assertEquals(3, stats.get("requests_total").asLong());
    assertEquals(1, stats.get("requests").asLong());
    assertEquals(1, stats.get("first_chunks").asLong());
    assertEquals(3, stats.path("itl_ms").get("count").asLong());
    assertEquals(3, JSON.readTree(get(server, "/stats/requests")).get("requests_total").asLong());

    HttpURLConnection reset = (HttpURLConnection) URI.create(server.baseUrl() + "/stats/reset").toURL().openConnection();
    reset.setRequestMethod("POST");
    assertEquals(200, reset.getResponseCode());
    reset.disconnect();
    JsonNode after = stats(server);
    assertEquals(0, after.get("requests").asLong());
    assertEquals(0, after.path("itl_ms").get("count").asLong());
    assertTrue(after.get("mean_first_chunk_nanotime").isNull());
  }

  @Test
  void aRequestCutAcrossReadsIsFramedByItsContentLength() throws Exception {
    FastStreamServer server = server(2, 0);
    HttpTarget target = HttpTarget.parse(server.baseUrl());
    String body = "{\"prompt\":\"a prompt\"}";
    String head = "POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nCONTENT-LENGTH: "
        + body.length() + "\r\n\r\n";
    try (Socket socket = new Socket("127.0.0.1", target.port())) {
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      for (String part : List.of(head.substring(0, 20), head.substring(20) + body.substring(0, 5), body.substring(5))) {
        out.write(part.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(20);
      }
      String answer = readUntil(socket.getInputStream(), "0\r\n\r\n");
      assertTrue(answer.startsWith("HTTP/1.1 200 OK"), answer);
      assertTrue(answer.contains("data: [DONE]"), answer);
    }
  }

  @Test
  void unknownRoutesAre404AndHeadParsingIsByteLevel() throws Exception {
    FastStreamServer server = server(2, 0);
    HttpURLConnection get = (HttpURLConnection) URI.create(server.baseUrl() + "/nope").toURL().openConnection();
    assertEquals(404, get.getResponseCode());
    get.disconnect();
    var buf = Unpooled.copiedBuffer("GET / HTTP/1.1\r\nContent-Length: 12\r\nX: y\r\n\r\nrest", StandardCharsets.US_ASCII);
    int end = FastRequestHandler.headEnd(buf);
    assertEquals(buf.writerIndex() - 4, end);
    assertEquals(12, FastRequestHandler.contentLength(buf, 0, end));
    assertEquals(-1, FastRequestHandler.headEnd(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nX: y\r\n", StandardCharsets.US_ASCII)));
  }

  @Test
  void badOptionsNameTheSettingAndTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FastServerOptions.parse(new String[] {"--tokens=0"}));
    assertTrue(e.getMessage().contains("--tokens=0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> FastServerOptions.parse(new String[] {"--itlMs=ten"}));
    assertTrue(e.getMessage().contains("--itlMs") && e.getMessage().contains("ten"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> FastServerOptions.parse(new String[] {"--speed=1"}));
    assertTrue(e.getMessage().contains("--speed"), e.getMessage());
  }

  // ---- helpers ----

  private static StreamingHttpClient client() {
    return new StreamingHttpClient(
        new ClientSettings(
            NioSocketChannel::new, Duration.ofSeconds(5), Duration.ZERO, Duration.ZERO, Duration.ofSeconds(30),
            TlsSettings.VERIFIED));
  }

  private RequestRecord send(StreamingHttpClient client, HttpTarget target) throws Exception {
    CompletableFuture<RequestRecord> done = new CompletableFuture<>();
    byte[] body =
        OpenAiCompletionsDialect.INSTANCE.body(new GenerationRequest(FastChunks.MODEL, "hello", null, 10, true, null, null));
    StreamingRequest request = new StreamingRequest(target, "/v1/completions", List.of(), body);
    loop.execute(
        () -> {
          RecordingStreamHandler handler =
              new RecordingStreamHandler() {
                {
                  record(new StreamRecording(OpenAiCompletionsDialect.INSTANCE, new RequestRecord("test"))
                      .captureGeneratedText());
                }

                @Override
                protected void completed(RequestRecord record) {
                  done.complete(record);
                }
              };
          client.execute(loop, request, handler);
        });
    return done.get(30, TimeUnit.SECONDS);
  }

  private static JsonNode stats(FastStreamServer server) throws Exception {
    return JSON.readTree(get(server, "/stats"));
  }

  private static String get(FastStreamServer server, String path) throws Exception {
    HttpURLConnection get = (HttpURLConnection) URI.create(server.baseUrl() + path).toURL().openConnection();
    try {
      assertEquals(200, get.getResponseCode());
      return new String(get.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      get.disconnect();
    }
  }

  private static String readUntil(InputStream in, String end) throws Exception {
    StringBuilder b = new StringBuilder();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!b.toString().endsWith(end) && System.nanoTime() < deadline) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      b.append((char) c);
    }
    return b.toString();
  }
}
