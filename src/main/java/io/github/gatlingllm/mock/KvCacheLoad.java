package io.github.gatlingllm.mock;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The tokens a real server would hold in its KV cache: every in-flight request's prompt plus what it has generated so
 * far, released when the request ends. Also counts the prompt tokens received, which {@code /metrics} reports as
 * prefix-cache queries (a real server looks every prompt token up in its prefix cache). Updated from every event loop,
 * hence atomics.
 */
final class KvCacheLoad {
  private final AtomicLong inUse = new AtomicLong();
  private final AtomicLong promptTokensReceived = new AtomicLong();

  void started(int promptTokens) {
    inUse.addAndGet(promptTokens);
    promptTokensReceived.addAndGet(promptTokens);
  }

  void generated() {
    inUse.incrementAndGet();
  }

  void ended(int promptTokens, int generated) {
    inUse.addAndGet(-(long) promptTokens - generated);
  }

  long tokensInUse() {
    return inUse.get();
  }

  long promptTokensReceived() {
    return promptTokensReceived.get();
  }

  /** Share of {@code capacity} in use, capped at 1 as a real cache cannot overflow (it would queue or preempt). */
  double usage(int capacity) {
    return Math.min(1.0, Math.max(0, inUse.get()) / (double) capacity);
  }
}
