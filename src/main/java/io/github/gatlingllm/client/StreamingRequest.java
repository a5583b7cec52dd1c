package io.github.gatlingllm.client;

import java.util.List;
import java.util.Map;

/**
 * One HTTP/1.1 POST with a JSON body whose response is read as an SSE stream.
 *
 * @param target where to connect
 * @param path the request target, e.g. {@code /v1/chat/completions} (with any base path prefix already applied)
 * @param headers extra headers (Authorization, user headers); Host, Content-Type, Content-Length, Accept and
 *     Connection are set by the client
 * @param body the JSON body bytes
 */
public record StreamingRequest(HttpTarget target, String path, List<Map.Entry<String, String>> headers, byte[] body) {}
