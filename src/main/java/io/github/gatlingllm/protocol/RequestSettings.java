package io.github.gatlingllm.protocol;

import java.util.List;
import java.util.Map;

/**
 * What a protocol adds to each of its requests: read from the request's own protocol, so that scenarios of one run
 * may differ in them.
 *
 * @param model the default model name sent in requests (a request may override it), or null
 * @param headers extra headers sent with every request
 * @param maxConcurrency cap on requests in flight across all virtual users of the protocols with this cap, 0 for none
 * @param itlStats how ITL reaches Gatling's stats
 */
public record RequestSettings(
    String model, List<Map.Entry<String, String>> headers, int maxConcurrency, ItlStats itlStats) {
  public RequestSettings {
    headers = List.copyOf(headers);
  }

  /** Header names only: the values are often credentials, and a record's own toString would print them. */
  @Override
  public String toString() {
    return "RequestSettings[model=" + model + ", headers=" + headers.stream().map(Map.Entry::getKey).toList()
        + ", maxConcurrency=" + maxConcurrency + ", itlStats=" + itlStats + "]";
  }

  /** What the request's records give Gatling's stats besides the request (and the table rows rebuilt from them). */
  GatlingTimingRule timingRule() {
    return GatlingTimingRule.of(itlStats);
  }
}
