package io.github.gatlingllm.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Arrays;

/**
 * A non-streaming response: nothing goes out until the last token is due, then one JSON document with the whole
 * text and the usage, as vLLM answers {@code "stream": false}.
 */
final class JsonResponseSink implements ResponseSink {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChannelHandlerContext ctx;
  private final IncomingRequest request;
  private final String id;
  private final long createdSeconds;
  private final int outputTokens;
  private final int cachedTokens;
  private boolean truncate;

  /** @param cachedTokens for usage: prompt tokens the prefix cache served, or {@link TokenUsage#NOT_REPORTED} */
  JsonResponseSink(
      ChannelHandlerContext ctx,
      IncomingRequest request,
      String id,
      long createdSeconds,
      int outputTokens,
      int cachedTokens) {
    this.ctx = ctx;
    this.request = request;
    this.id = id;
    this.createdSeconds = createdSeconds;
    this.outputTokens = outputTokens;
    this.cachedTokens = cachedTokens;
  }

  @Override
  public void begin() {}

  @Override
  public void token(int index, boolean last) {}

  @Override
  public void flush() {}

  @Override
  public void complete() {
    byte[] body = JsonResponses.bytes(document());
    if (truncate) {
      body = Arrays.copyOf(body, body.length / 2);
    }
    ctx.writeAndFlush(JsonResponses.full(ctx.alloc(), HttpResponseStatus.OK, body), ctx.voidPromise());
  }

  @Override
  public void malformed() {
    truncate = true;
  }

  @Override
  public void error() {
    ctx.writeAndFlush(
        ErrorResponses.response(ctx.alloc(), 500, "Mock fault: error during generation", null), ctx.voidPromise());
  }

  private ObjectNode document() {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", id);
    root.put("object", request.endpoint().responseObject);
    root.put("created", createdSeconds);
    root.put("model", request.model());
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    String text = TokenVocabulary.text(outputTokens);
    if (request.endpoint() == Endpoint.CHAT) {
      choice.putObject("message").put("role", "assistant").put("content", text);
    } else {
      choice.put("text", text);
    }
    choice.putNull("logprobs");
    choice.put("finish_reason", outputTokens == request.maxTokens() ? "length" : "stop");
    root.putRawValue(
        "usage", new RawValue(new TokenUsage(request.promptTokens(), cachedTokens, outputTokens, 0).json()));
    return root;
  }
}
