package io.github.gatlingllm.protocol;

import io.github.gatlingllm.client.HttpTarget;

/**
 * Which server a protocol's requests go to and how they authenticate. {@link #toString()} never shows the API key.
 *
 * @param baseUrl the server's base URL as given (no credentials expected in it)
 * @param target the parsed base URL
 * @param apiKey the bearer token, or null for none
 */
public record ServerTarget(String baseUrl, HttpTarget target, String apiKey) {
  @Override
  public String toString() {
    return "ServerTarget[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
  }
}
