package io.github.gatlingllm.protocol;

import io.github.gatlingllm.client.HttpTarget;
import io.github.gatlingllm.client.SafeUrl;

/**
 * Which server a protocol's requests go to and how they authenticate. {@link #toString()} never shows the API key.
 *
 * @param baseUrl the server's base URL as given; it may hold credentials, so {@link #toString()} masks them
 * @param target the parsed base URL
 * @param apiKey the bearer token, or null for none
 */
public record ServerTarget(String baseUrl, HttpTarget target, String apiKey) {
  @Override
  public String toString() {
    return "ServerTarget[baseUrl=" + SafeUrl.mask(baseUrl) + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
  }
}
