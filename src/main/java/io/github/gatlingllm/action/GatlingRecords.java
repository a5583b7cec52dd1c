package io.github.gatlingllm.action;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.session.GroupBlock;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.github.gatlingllm.metrics.ErrorCategory;
import io.github.gatlingllm.metrics.LlmTiming;
import io.github.gatlingllm.metrics.LoggedTimings;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.protocol.GatlingTimingRule;
import io.github.gatlingllm.protocol.ItlStats;
import io.github.gatlingllm.protocol.TimeBase;
import java.util.concurrent.ConcurrentHashMap;
import scala.Option;
import scala.collection.immutable.List;

/**
 * Writes one finished request into Gatling's stats, so that Gatling's console, HTML report and assertions see it:
 * {@code <name>} (end-to-end, OK or KO with a bounded error category, or a failed check's message) as Gatling's one
 * request, and for successful
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
 * <p>Which values are logged is {@link GatlingTimingRule}'s to say (shared with the end-of-run report). Gatling's
 * open-source report lists a group in its statistics table only when the group encloses a request (Gatling 3.15.1's
 * ReportsGenerator), so the end-of-run report adds their rows to that table itself ({@code GatlingTableTimingRows}).
 *
 * <p>Gatling stores whole milliseconds, so each derived record starts at the request's send time (a gap: at its
 * chunk) and lasts the exact duration rounded once (rather than the difference of two rounded instants, which could be
 * off by 1 ms).
 */
final class GatlingRecords {
  private static final Option<String> NO_MESSAGE = Option.empty();

  private final StatsEngine statsEngine;
  private final TimeBase timeBase;
  private final LoggedTimings timings;
  /**
   * The group record names by {@link LlmTiming#ordinal()}, per request name: built once per name (a name may come
   * from the session), then only looked up. Users of one action run on several event loops, hence the concurrent map.
   * Bounded: past {@link #MAX_CACHED_NAMES} distinct names (an EL name per user, say) the names are built per request,
   * so a long run's memory does not follow the names it sees.
   */
  private final ConcurrentHashMap<String, String[]> timingNames = new ConcurrentHashMap<>();

  static final int MAX_CACHED_NAMES = 1_000;

  GatlingRecords(StatsEngine statsEngine, TimeBase timeBase, ItlStats itlStats) {
    this.statsEngine = statsEngine;
    this.timeBase = timeBase;
    this.timings = GatlingTimingRule.of(itlStats);
  }

  private static String[] timingNamesOf(String requestName) {
    LlmTiming[] all = LlmTiming.values();
    String[] names = new String[all.length];
    for (LlmTiming timing : all) {
      names[timing.ordinal()] = timing.recordName(requestName);
    }
    return names;
  }

  private String[] timingNames(String requestName) {
    String[] cached = timingNames.get(requestName);
    if (cached != null) {
      return cached;
    }
    String[] built = timingNamesOf(requestName);
    if (timingNames.size() < MAX_CACHED_NAMES) {
      timingNames.putIfAbsent(requestName, built);
    }
    return built;
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
    String name = record.requestName();
    long start = startMillis(record);
    Option<String> status = record.httpStatus() > 0 ? Option.apply(Integer.toString(record.httpStatus())) : NO_MESSAGE;
    if (!record.success()) {
      statsEngine.logResponse(
          scenario, groups, name, start, endMillis(record), KO$.MODULE$, status, Option.apply(koMessage(record)));
      return;
    }
    statsEngine.logResponse(scenario, groups, name, start, endMillis(record), OK$.MODULE$, status, NO_MESSAGE);
    String[] names = timingNames(name);
    @SuppressWarnings("unchecked")
    List<String>[] paths = new List[names.length]; // built once per timing, also for a gap per chunk
    timings.forEach(record, (timing, startNanos, millis) -> {
      int i = timing.ordinal();
      if (paths[i] == null) {
        paths[i] = beside(groups, names[i]);
      }
      long recordStart = startNanos == RequestRecord.NONE ? start : timeBase.millis(startNanos);
      logDerived(scenario, paths[i], recordStart, millis);
    });
  }

  /**
   * A failed request's message in Gatling: its bounded category label, except for a failed check, which shows
   * Gatling's own check message (e.g. {@code answer.find.is(x), but actually found y}) as Gatling's HTTP checks do.
   */
  private static String koMessage(RequestRecord record) {
    return record.error() == ErrorCategory.CHECK ? record.errorDetail() : record.errorLabel();
  }

  /** One derived timing as an OK group record whose duration and cumulated response time are both the timing. */
  private void logDerived(String scenario, List<String> path, long start, int millis) {
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
