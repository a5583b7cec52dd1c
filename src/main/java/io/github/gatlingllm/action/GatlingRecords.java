package io.github.gatlingllm.action;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.protocol.ItlStats;
import io.github.gatlingllm.protocol.TimeBase;
import scala.Option;
import scala.collection.immutable.List;

/**
 * Writes one finished request into Gatling's stats, so that Gatling's console, HTML report and assertions see it:
 * {@code <name>} (end-to-end, OK or KO with a bounded error category), and for successful requests
 * {@code <name> TTFT}, {@code <name> TPOT} (only with more than one output token) and {@code <name> ITL}.
 *
 * <p>Gatling stores whole milliseconds, so each derived record starts at the request's send time and lasts the exact
 * duration rounded once (rather than the difference of two rounded instants, which could be off by 1 ms).
 */
final class GatlingRecords {
  private static final Option<String> NO_MESSAGE = Option.empty();

  private final StatsEngine statsEngine;
  private final TimeBase timeBase;
  private final ItlStats itlStats;
  private final String name;
  private final String ttftName;
  private final String tpotName;
  private final String itlName;

  GatlingRecords(StatsEngine statsEngine, TimeBase timeBase, ItlStats itlStats, String requestName) {
    this.statsEngine = statsEngine;
    this.timeBase = timeBase;
    this.itlStats = itlStats;
    this.name = requestName;
    this.ttftName = requestName + " TTFT";
    this.tpotName = requestName + " TPOT";
    this.itlName = requestName + " ITL";
  }

  /** Start and end, in Gatling ms, of the main record; also used for group timings. */
  long startMillis(RequestRecord record) {
    long sent = record.sendNanos();
    return timeBase.millis(sent == RequestRecord.NONE ? record.intendedNanos() : sent);
  }

  long endMillis(RequestRecord record) {
    long end = record.success() ? record.lastChunkNanos() : record.endNanos();
    return end == RequestRecord.NONE ? startMillis(record) : timeBase.millis(end);
  }

  void log(Session session, RequestRecord record) {
    String scenario = session.scenario();
    List<String> groups = session.groups();
    long start = startMillis(record);
    Option<String> status = record.httpStatus() > 0 ? Option.apply(Integer.toString(record.httpStatus())) : NO_MESSAGE;
    if (!record.success()) {
      statsEngine.logResponse(
          scenario, groups, name, start, endMillis(record), KO$.MODULE$, status, Option.apply(record.errorLabel()));
      return;
    }
    statsEngine.logResponse(scenario, groups, name, start, endMillis(record), OK$.MODULE$, status, NO_MESSAGE);
    logDuration(scenario, groups, ttftName, start, record.ttftNanos());
    if (record.outputTokens() > 1) {
      logDuration(scenario, groups, tpotName, start, record.tpotNanos());
    }
    logItl(scenario, groups, start, record);
  }

  private void logItl(String scenario, List<String> groups, long start, RequestRecord record) {
    int gaps = record.itlCount();
    if (gaps == 0) {
      return;
    }
    switch (itlStats) {
      case EVERY_GAP -> {
        for (int i = 0; i < gaps; i++) {
          // Each gap starts where its chunk ended, so the records also give Gatling a faithful timeline.
          long gapStart = timeBase.millis(record.chunkNanos(i));
          logDuration(scenario, groups, itlName, gapStart, record.itlNanos(i));
        }
      }
      case REQUEST_MEAN -> {
        double mean = (double) (record.lastChunkNanos() - record.firstChunkNanos()) / gaps;
        logDuration(scenario, groups, itlName, start, mean);
      }
      case NONE -> {}
    }
  }

  private void logDuration(String scenario, List<String> groups, String recordName, long start, double nanos) {
    long millis = Math.round(nanos / 1_000_000.0);
    statsEngine.logResponse(scenario, groups, recordName, start, start + millis, OK$.MODULE$, NO_MESSAGE, NO_MESSAGE);
  }
}
