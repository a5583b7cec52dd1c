package io.github.gatlingllm.client;

import java.util.Locale;

/**
 * Whether a 200 answer's {@code Content-Type} rules out an event stream. Lenient on purpose: servers send
 * {@code text/event-stream} with or without a charset, {@code text/plain}, or no type at all, and still stream; only
 * types that name a document (JSON, HTML, XML) are refused, as they mean a non-streamed answer, a proxy's or
 * gateway's login page, or an error page sent with status 200.
 */
final class StreamContentType {
  private StreamContentType() {}

  static boolean isNoStream(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    return media.equals("text/html") || media.endsWith("json") || media.endsWith("xml");
  }
}
