package io.github.gatlingllm.mock;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The last {@link #CAPACITY} generation requests the server accepted, for {@code GET /mock/requests}: what a client
 * really sent (prompt size, max tokens, the {@code x-user-id} header), e.g. to check that later rounds of a
 * conversation carry the whole history. A ring under a short lock: the mock is a test server, and one small entry per
 * request is nothing next to the stream it answers.
 */
final class RequestLog {
  static final int CAPACITY = 10_000;
  static final String PATH = "/mock/requests";

  private record Entry(long number, String path, String model, int promptTokens, int maxTokens, String userId) {}

  private final Entry[] ring = new Entry[CAPACITY];
  private long added;

  synchronized void add(long number, String path, IncomingRequest request, String userId) {
    ring[(int) (added % CAPACITY)] =
        new Entry(number, path, request.model(), request.promptTokens(), request.maxTokens(), userId);
    added++;
  }

  synchronized void clear() {
    java.util.Arrays.fill(ring, null);
    added = 0;
  }

  /** {@code {"requests": [{"number", "path", "model", "prompt_tokens", "max_tokens", "user_id"}, ...]}}, oldest first. */
  synchronized ObjectNode toJson() {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode root = json.objectNode();
    root.put("total", added);
    ArrayNode list = root.putArray("requests");
    long first = Math.max(0, added - CAPACITY);
    for (long i = first; i < added; i++) {
      Entry e = ring[(int) (i % CAPACITY)];
      ObjectNode node = list.addObject();
      node.put("number", e.number()).put("path", e.path()).put("model", e.model());
      node.put("prompt_tokens", e.promptTokens()).put("max_tokens", e.maxTokens());
      if (e.userId() == null) {
        node.putNull("user_id");
      } else {
        node.put("user_id", e.userId());
      }
    }
    return root;
  }
}
