package io.github.gatlingllm.action;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.session.GroupBlock;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.protocol.ItlStats;
import io.github.gatlingllm.protocol.TimeBase;
import scala.Option;
import scala.collection.immutable.List;

/**
 * Writes one finished request into Gatling's stats, so that Gatling's console, HTML report and assertions see it:
 * {@code <name>} (end-to-end, OK or KO with a bounded error category) as Gatling's one request, and for successful
 * requests {@code <name> TTFT}, {@code <name> TPOT} (only with more than one output token) and {@code <name> ITL}.
 *
 * <p>The derived timings are Gatling <em>group</em> records ({@link StatsEngine#logGroupEnd}), not requests: Gatling
 * keeps groups out of its request totals, so its "All Requests" row, its KO % and its requests/s count the LLM
 * requests only (one per request) and {@code global().failedRequests()} means what it says. A group record still has
 * its own path that {@code details("chat TTFT")} assertions find. It sits beside the request, under the user's own
 * {@code group(...)} blocks if any ({@code details("my group", "chat TTFT")}). Its duration and its cumulated response
 * time are the same value, so the report shows it whatever {@code gatling.charting.useGroupDurationMetric} says and
 * assertions (which read the cumulated time) agree with it. The session is left alone: the user's own groups add up
 * the request's time once, not its timings again.
 *
 * <p>Gatling's open-source report lists a group in its statistics table only when the group encloses a request
 * (Gatling 3.15.1's ReportsGenerator), so there these timings show in the assertions table only; the LLM block of the
 * same report has them exactly.
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
    logDerived(scenario, beside(groups, ttftName), start, record.ttftNanos());
    if (record.outputTokens() > 1) {
      logDerived(scenario, beside(groups, tpotName), start, record.tpotNanos());
    }
    logItl(scenario, beside(groups, itlName), start, record);
  }

  private void logItl(String scenario, List<String> itlPath, long start, RequestRecord record) {
    int gaps = record.itlCount();
    if (gaps == 0) {
      return;
    }
    switch (itlStats) {
      case EVERY_GAP -> {
        for (int i = 0; i < gaps; i++) {
          // Each gap starts where its chunk ended, so the records also give Gatling a faithful timeline.
          long gapStart = timeBase.millis(record.chunkNanos(i));
          logDerived(scenario, itlPath, gapStart, record.itlNanos(i));
        }
      }
      case REQUEST_MEAN -> {
        double mean = (double) (record.lastChunkNanos() - record.firstChunkNanos()) / gaps;
        logDerived(scenario, itlPath, start, mean);
      }
      case NONE -> {}
    }
  }

  /** One derived timing as an OK group record whose duration and cumulated response time are both the timing. */
  private void logDerived(String scenario, List<String> path, long start, double nanos) {
    int millis = (int) Math.round(nanos / 1_000_000.0);
    statsEngine.logGroupEnd(scenario, new GroupBlock(path, start, millis, OK$.MODULE$), start + millis);
  }

  /**
   * The group path of a derived record: the user's groups (outermost first, as Gatling's {@code Session.groups} has
   * them) followed by the record's name, so it sits beside the request it derives from.
   */
  static List<String> beside(List<String> groups, String recordName) {
    return groups.reverse().$colon$colon(recordName).reverse();
  }
}
