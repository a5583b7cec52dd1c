package io.github.gatlingllm.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** Complete (non-streamed) JSON responses with a Content-Length, so keep-alive connections stay reusable. */
final class JsonResponses {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonResponses() {}

  static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  static FullHttpResponse full(ByteBufAllocator alloc, HttpResponseStatus status, byte[] body) {
    return full(alloc, status, body, HttpHeaderValues.APPLICATION_JSON);
  }

  /** A complete response of another content type (e.g. the Prometheus text of {@code /metrics}). */
  static FullHttpResponse full(ByteBufAllocator alloc, HttpResponseStatus status, byte[] body, CharSequence type) {
    ByteBuf content = alloc.buffer(body.length).writeBytes(body);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, type)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return response;
  }
}
