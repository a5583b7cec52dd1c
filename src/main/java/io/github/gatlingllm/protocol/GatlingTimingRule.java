package io.github.gatlingllm.protocol;

import io.github.gatlingllm.metrics.LlmTiming;
import io.github.gatlingllm.metrics.LoggedTimings;
import io.github.gatlingllm.metrics.RequestRecord;

/**
 * The one rule for what a finished request gives Gatling's stats besides the request record: for a successful request
 * its TTFT, its TPOT when it produced more than one output token, and its ITL as {@link ItlStats} says (each gap, the
 * request's mean gap, or nothing); for a failed one nothing. Gatling's records are written from it, and the rows the
 * end-of-run report adds to Gatling's statistics table are computed from it, so the two cannot drift apart.
 */
public final class GatlingTimingRule implements LoggedTimings {
  private final ItlStats itlStats;

  private GatlingTimingRule(ItlStats itlStats) {
    this.itlStats = itlStats;
  }

  public static GatlingTimingRule of(ItlStats itlStats) {
    return new GatlingTimingRule(itlStats);
  }

  @Override
  public void forEach(RequestRecord record, Sink sink) {
    if (!record.success()) {
      return;
    }
    long sent = record.sendNanos();
    sink.value(LlmTiming.TTFT, sent, LoggedTimings.wholeMillis(record.ttftNanos()));
    if (record.outputTokens() > 1) {
      sink.value(LlmTiming.TPOT, sent, LoggedTimings.wholeMillis(record.tpotNanos()));
    }
    int gaps = record.itlCount();
    if (gaps == 0) {
      return;
    }
    switch (itlStats) {
      case EVERY_GAP -> {
        for (int i = 0; i < gaps; i++) {
          // Each gap starts where its chunk ended, so the records also give Gatling a faithful timeline.
          sink.value(LlmTiming.ITL, record.chunkNanos(i), LoggedTimings.wholeMillis(record.itlNanos(i)));
        }
      }
      case REQUEST_MEAN -> {
        double mean = (double) (record.lastChunkNanos() - record.firstChunkNanos()) / gaps;
        sink.value(LlmTiming.ITL, sent, LoggedTimings.wholeMillis(mean));
      }
      case NONE -> {}
    }
  }
}
