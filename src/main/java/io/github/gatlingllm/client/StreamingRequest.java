package io.github.gatlingllm.client;

import java.util.List;
import java.util.Map;

/**
 * One HTTP/1.1 POST with a JSON body whose response is read as a stream.
 *
 * @param target where to connect
 * @param path the request target relative to the target's base path, e.g. {@code /v1/chat/completions}: the client
 *     sends {@code target.basePath() + path}
 * @param headers extra headers (Authorization, user headers); Host, Content-Type, Content-Length, Accept and
 *     Connection are set by the client
 * @param body the JSON body bytes
 * @param bodyFormat how the response body is cut into events
 */
public record StreamingRequest(
    HttpTarget target, String path, List<Map.Entry<String, String>> headers, byte[] body, BodyFormat bodyFormat) {

  public StreamingRequest {
    if (bodyFormat == null) {
      throw new IllegalArgumentException("bodyFormat is required: SSE or RAW");
    }
  }

  /**
   * Header names only, the body as a length: the record's own {@code toString} would print the bearer key and the
   * prompt, which have no place in a log or an exception.
   */
  @Override
  public String toString() {
    return "StreamingRequest[target=" + target + ", path=" + path + ", headers="
        + headers.stream().map(Map.Entry::getKey).toList() + ", body=" + body.length + " bytes, bodyFormat="
        + bodyFormat + "]";
  }

  /** A request whose response is an SSE stream. */
  public StreamingRequest(HttpTarget target, String path, List<Map.Entry<String, String>> headers, byte[] body) {
    this(target, path, headers, body, BodyFormat.SSE);
  }
}
