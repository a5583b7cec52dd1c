package io.github.gatlingllm.client;

import java.util.List;
import java.util.Map;

/**
 * One HTTP/1.1 POST with a JSON body whose response is read as an SSE stream.
 *
 * @param target where to connect
 * @param path the request target relative to the target's base path, e.g. {@code /v1/chat/completions}: the client
 *     sends {@code target.basePath() + path}
 * @param headers extra headers (Authorization, user headers); Host, Content-Type, Content-Length, Accept and
 *     Connection are set by the client
 * @param body the JSON body bytes
 */
public record StreamingRequest(HttpTarget target, String path, List<Map.Entry<String, String>> headers, byte[] body) {}
