package io.github.gatlingllm.mock;

import static io.github.gatlingllm.mock.Bodies.COMPLETIONS;
import static io.github.gatlingllm.mock.Bodies.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gatlingllm.mock.RawHttpConnection.RawResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many simultaneous streams: each one complete and well-formed, and the in-flight count back to zero after. */
class MockConcurrencyTest {

  @Test
  void twoHundredSimultaneousStreamsAllCompleteCorrectly() throws Exception {
    int streams = 200;
    int tokens = 40;
    String body = Bodies.includeUsage(Bodies.ignoreEos(Bodies.completion(3, tokens, true))).toString();
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(20).itlMs(5).build())) {
      ExecutorService pool = Executors.newFixedThreadPool(streams);
      try {
        List<Future<RawResponse>> futures = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
          futures.add(pool.submit(() -> {
            try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
              return connection.post(COMPLETIONS, body);
            }
          }));
        }
        Set<String> ids = new HashSet<>();
        for (Future<RawResponse> future : futures) {
          RawResponse response = future.get();
          assertEquals(RawResponse.End.COMPLETE, response.endedBy);
          List<String> data = response.data();
          assertEquals(tokens + 2, data.size());
          StringBuilder text = new StringBuilder();
          for (int i = 0; i < tokens; i++) {
            text.append(parse(data.get(i)).at("/choices/0/text").asText());
          }
          assertEquals(TokenVocabulary.text(tokens), text.toString());
          assertEquals(tokens, parse(data.get(tokens)).at("/usage/completion_tokens").asInt());
          ids.add(parse(data.get(0)).get("id").asText());
        }
        assertEquals(streams, ids.size(), "every request has its own id");
        assertEquals(streams, server.acceptedRequests());
        MockFaultTest.awaitInFlight(server, 0);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
