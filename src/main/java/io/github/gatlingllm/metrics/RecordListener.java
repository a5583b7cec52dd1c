package io.github.gatlingllm.metrics;

/**
 * Told about every finished request as it is recorded (e.g. to stream one CSV row per request).
 *
 * <p>Called on the thread that recorded the request, usually a Netty event loop: implementations must be thread-safe
 * and must not block.
 */
@FunctionalInterface
public interface RecordListener {
  void onRecord(RequestRecord record);
}
