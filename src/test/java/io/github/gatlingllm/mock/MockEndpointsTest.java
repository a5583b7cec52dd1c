package io.github.gatlingllm.mock;

import static io.github.gatlingllm.mock.Bodies.CHAT;
import static io.github.gatlingllm.mock.Bodies.COMPLETIONS;
import static io.github.gatlingllm.mock.Bodies.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MockEndpointsTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static MockLlmServer server;

  @BeforeAll
  static void start() {
    server = MockLlmServer.start(MockConfig.builder().ttftMs(1).itlMs(1).maxModelLen(100).build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void baseUrlIsLoopbackWithTheBoundPort() {
    assertTrue(server.port() > 0);
    assertEquals("http://127.0.0.1:" + server.port(), server.baseUrl());
  }

  @Test
  void modelsListsTheConfiguredModel() throws Exception {
    HttpResponse<String> response = get("/v1/models");
    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
    JsonNode body = parse(response.body());
    assertEquals("list", body.get("object").asText());
    assertEquals(1, body.get("data").size());
    JsonNode model = body.at("/data/0");
    assertEquals("mock-llm", model.get("id").asText());
    assertEquals("model", model.get("object").asText());
    assertEquals("gatling-llm-mock", model.get("owned_by").asText());
    assertEquals("mock-llm", model.get("root").asText());
    assertEquals(100, model.get("max_model_len").asInt());
    assertTrue(model.get("created").asLong() > 1_600_000_000L);
  }

  @Test
  void healthAnswers200() throws Exception {
    assertEquals(200, get("/health").statusCode());
  }

  @Test
  void nonStreamingChatReturnsTheWholeMessageAndUsage() throws Exception {
    HttpResponse<String> response = post(CHAT, Bodies.ignoreEos(Bodies.chat(4, 6, false)).toString());
    assertEquals(200, response.statusCode());
    JsonNode body = parse(response.body());
    assertTrue(body.get("id").asText().startsWith("chatcmpl-"));
    assertEquals("chat.completion", body.get("object").asText());
    assertEquals("mock-llm", body.get("model").asText());
    assertEquals("assistant", body.at("/choices/0/message/role").asText());
    assertEquals(TokenVocabulary.text(6), body.at("/choices/0/message/content").asText());
    assertEquals("length", body.at("/choices/0/finish_reason").asText());
    assertEquals(4, body.at("/usage/prompt_tokens").asInt());
    assertEquals(6, body.at("/usage/completion_tokens").asInt());
    assertEquals(10, body.at("/usage/total_tokens").asInt());
  }

  @Test
  void nonStreamingCompletionReturnsTextAndUsage() throws Exception {
    JsonNode body = parse(post(COMPLETIONS, Bodies.completion(5, 20, false).toString()).body());
    assertEquals("text_completion", body.get("object").asText());
    int tokens = body.at("/usage/completion_tokens").asInt();
    assertTrue(tokens >= 1 && tokens <= 20);
    assertEquals(TokenVocabulary.text(tokens), body.at("/choices/0/text").asText());
    assertEquals(tokens == 20 ? "length" : "stop", body.at("/choices/0/finish_reason").asText());
    assertEquals(5, body.at("/usage/prompt_tokens").asInt());
  }

  @Test
  void promptTokensCountWordsOfAllMessagesAndContentParts() throws Exception {
    String body =
        "{\"model\":\"m\",\"max_tokens\":1,\"messages\":["
            + "{\"role\":\"system\",\"content\":\"be  brief\\n\"},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"one two three\"}]},"
            + "{\"role\":\"assistant\",\"content\":null}]}";
    assertEquals(5, parse(post(CHAT, body).body()).at("/usage/prompt_tokens").asInt());
    assertEquals(1, parse(post(COMPLETIONS, "{\"model\":\"m\",\"prompt\":\"   \",\"max_tokens\":1}").body())
        .at("/usage/prompt_tokens").asInt(), "at least one");
    assertEquals(3, parse(post(COMPLETIONS, "{\"model\":\"m\",\"prompt\":[7,8,9],\"max_tokens\":1}").body())
        .at("/usage/prompt_tokens").asInt(), "token ids count one each");
  }

  @Test
  void maxCompletionTokensIsAcceptedAndModelIsEchoed() throws Exception {
    JsonNode body = parse(post(CHAT,
        "{\"model\":\"other\",\"ignore_eos\":true,\"max_completion_tokens\":3,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").body());
    assertEquals(3, body.at("/usage/completion_tokens").asInt());
    assertEquals("other", body.get("model").asText());
  }

  @Test
  void badJsonIs400WithAnOpenAiErrorBody() throws Exception {
    assertError(post(CHAT, "{\"model\": \"m\", \"messages\": ["), 400, "BadRequestError", "Invalid JSON");
    assertError(post(CHAT, "[1, 2]"), 400, "BadRequestError", "JSON object");
  }

  @Test
  void missingOrInvalidFieldsAre400NamingTheField() throws Exception {
    assertError(post(CHAT, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), 400, "BadRequestError",
        "'model'");
    assertError(post(CHAT, "{\"model\":\"m\"}"), 400, "BadRequestError", "'messages'");
    assertError(post(COMPLETIONS, "{\"model\":\"m\"}"), 400, "BadRequestError", "'prompt'");
    assertError(post(COMPLETIONS, "{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":0}"), 400, "BadRequestError",
        "'max_tokens'");
    assertError(post(COMPLETIONS, "{\"model\":\"m\",\"prompt\":\"x\",\"stream\":\"yes\"}"), 400, "BadRequestError",
        "'stream'");
  }

  @Test
  void contextLengthIsEnforcedAsVllmDoes() throws Exception {
    // maxModelLen is 100: 10 prompt words + 91 tokens is one too many.
    assertError(post(COMPLETIONS, Bodies.completion(10, 91, false).toString()), 400, "BadRequestError",
        "maximum context length is 100");
    assertEquals(200, post(COMPLETIONS, Bodies.completion(10, 90, false).toString()).statusCode());
    assertError(post(COMPLETIONS, Bodies.completion(100, null, false).toString()), 400, "BadRequestError",
        "maximum context length");
    // Without max_tokens the default (256) is capped by what the context leaves.
    JsonNode body = parse(post(COMPLETIONS, Bodies.ignoreEos(Bodies.completion(10, null, false)).toString()).body());
    assertEquals(90, body.at("/usage/completion_tokens").asInt());
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405() throws Exception {
    assertError(get("/v1/nothing"), 404, "NotFoundError", "/v1/nothing");
    assertError(get(CHAT), 405, "MethodNotAllowedError", "POST");
  }

  @Test
  void strictModelRejectsOtherModelsWith404() throws Exception {
    try (MockLlmServer strict = MockLlmServer.start(MockConfig.builder().strictModel(true).ttftMs(0).build())) {
      HttpResponse<String> response = CLIENT.send(
          HttpRequest.newBuilder(URI.create(strict.baseUrl() + COMPLETIONS))
              .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-x\",\"prompt\":\"a\",\"max_tokens\":1}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertError(response, 404, "NotFoundError", "`gpt-x` does not exist");
      assertEquals(0, strict.acceptedRequests(), "rejected requests take no number");
    }
  }

  @Test
  void closeStopsListeningAndIsIdempotent() throws Exception {
    MockLlmServer transient_ = MockLlmServer.start(MockConfig.defaults());
    int port = transient_.port();
    transient_.close();
    transient_.close();
    assertThrows(ConnectException.class, () -> new RawHttpConnection(port).close());
  }

  @Test
  void bindingATakenPortFailsWithTheAddress() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> MockLlmServer.start(MockConfig.builder().port(server.port()).build()));
    assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
  }

  @Test
  void nioTransportServesToo() throws Exception {
    try (MockLlmServer nio = MockLlmServer.start(MockConfig.builder().nativeTransport(false).threads(1).build());
        RawHttpConnection connection = new RawHttpConnection(nio.port())) {
      assertEquals("nio", nio.transport());
      RawHttpConnection.RawResponse response =
          connection.post(CHAT, Bodies.ignoreEos(Bodies.chat(1, 3, true)).toString());
      assertEquals(1 + 3 + 1, response.events.size());
    }
  }

  private static void assertError(HttpResponse<String> response, int status, String type, String messagePart) {
    assertEquals(status, response.statusCode(), response.body());
    JsonNode error = parse(response.body()).get("error");
    assertEquals(status, error.get("code").asInt());
    assertEquals(type, error.get("type").asText());
    assertTrue(error.get("message").asText().contains(messagePart), error.get("message").asText());
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
