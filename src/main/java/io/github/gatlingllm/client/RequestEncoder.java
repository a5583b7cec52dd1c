package io.github.gatlingllm.client;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Map;

/** Builds the HTTP/1.1 request message of a {@link StreamingRequest}; the codec turns it into bytes. */
final class RequestEncoder {

  /** Thrown for a header the codec refuses; its message never repeats the header (it may be a secret). */
  static final class InvalidHeaderException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidHeaderException(int index, String name) {
      super("invalid request header #" + index + (isToken(name) ? " " + name : "") + " (value not shown)");
    }

    /** A name that is a valid HTTP token says which header without risk; anything else may be a value pasted in. */
    private static boolean isToken(String name) {
      if (name == null || name.isEmpty() || name.length() > 64) {
        return false;
      }
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (!(c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
          return false;
        }
      }
      return true;
    }
  }

  private RequestEncoder() {}

  /**
   * The request line is {@code POST basePath + path}; the body wraps the caller's array (no copy: it is only read).
   *
   * @throws InvalidHeaderException if a header name or value contains characters HTTP forbids
   */
  static FullHttpRequest encode(StreamingRequest request) {
    HttpTarget target = request.target();
    String base = target.basePath();
    String uri = base.isEmpty() ? request.path() : base + request.path();
    byte[] body = request.body();
    FullHttpRequest msg =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri, Unpooled.wrappedBuffer(body));
    HttpHeaders headers = msg.headers();
    List<Map.Entry<String, String>> extra = request.headers();
    if (extra != null) {
      for (int i = 0; i < extra.size(); i++) {
        Map.Entry<String, String> h = extra.get(i);
        try {
          headers.add(h.getKey(), h.getValue());
        } catch (IllegalArgumentException | NullPointerException e) {
          msg.release();
          throw new InvalidHeaderException(i, h.getKey());
        }
      }
    }
    // Framing and negotiation headers belong to the client: a caller's copy could break keep-alive or framing.
    headers.remove(HttpHeaderNames.CONNECTION);
    headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
    headers.set(HttpHeaderNames.HOST, target.hostHeader());
    headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    headers.set(
        HttpHeaderNames.ACCEPT,
        request.bodyFormat() == BodyFormat.RAW ? HttpHeaderValues.TEXT_PLAIN : HttpHeaderValues.TEXT_EVENT_STREAM);
    headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return msg;
  }
}
