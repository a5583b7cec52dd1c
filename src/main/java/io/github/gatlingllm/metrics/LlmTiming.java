package io.github.gatlingllm.metrics;

/**
 * The LLM timings a successful request gives Gatling's own stats beside the request itself, each as a Gatling group
 * record named after the request: {@code <name> TTFT}, {@code <name> TPOT}, {@code <name> ITL}.
 */
public enum LlmTiming {
  TTFT,
  TPOT,
  ITL;

  /** The name of this timing's Gatling group record for requests named {@code requestName}. */
  public String recordName(String requestName) {
    return requestName + " " + name();
  }
}
