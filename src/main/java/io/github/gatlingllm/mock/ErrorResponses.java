package io.github.gatlingllm.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Error bodies shaped like vLLM's: {@code {"error":{"message":...,"type":"BadRequestError","param":null,"code":400}}},
 * the type being the status's reason phrase in camel case with "Error" appended ("NotFoundError",
 * "InternalServerError", "ServiceUnavailableError", ...).
 */
final class ErrorResponses {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorResponses() {}

  static FullHttpResponse response(ByteBufAllocator alloc, int status, String message, String param) {
    return JsonResponses.full(alloc, HttpResponseStatus.valueOf(status), body(status, message, param));
  }

  /** The JSON object (as bytes) without any SSE framing. */
  static byte[] body(int status, String message, String param) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", message);
    error.put("type", type(status));
    if (param == null) {
      error.putNull("param");
    } else {
      error.put("param", param);
    }
    error.put("code", status);
    return JsonResponses.bytes(root);
  }

  static String type(int status) {
    String phrase = HttpResponseStatus.valueOf(status).reasonPhrase();
    StringBuilder type = new StringBuilder();
    for (String word : phrase.split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        type.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
      }
    }
    if (type.length() == 0) {
      type.append("Http").append(status);
    }
    return type.toString().endsWith("Error") ? type.toString() : type.append("Error").toString();
  }
}
