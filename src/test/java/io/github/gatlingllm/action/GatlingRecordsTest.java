package io.github.gatlingllm.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.core.session.Session;
import io.gatling.core.session.Session$;
import io.github.gatlingllm.metrics.Distribution;
import io.github.gatlingllm.metrics.ErrorCategory;
import io.github.gatlingllm.metrics.LlmTiming;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenSource;
import io.github.gatlingllm.protocol.GatlingTimingRule;
import io.github.gatlingllm.protocol.ItlStats;
import io.github.gatlingllm.protocol.TimeBase;
import io.github.gatlingllm.report.GatlingTimingStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What one finished request leaves in Gatling's stats: one request record, and its TTFT, TPOT and ITL as group ends
 * (which Gatling keeps out of its request totals), with hand-made timings so that each rounding is known.
 */
class GatlingRecordsTest {
  /** Gatling's clock reads this many ms when nanoTime is 0. */
  private static final long ORIGIN_MS = 1_000;

  private static final long MS = 1_000_000;
  private final RecordingStatsEngine stats = new RecordingStatsEngine();

  private GatlingRecords records(ItlStats itlStats) {
    return new GatlingRecords(stats, new TimeBase(ORIGIN_MS, 0), itlStats);
  }

  private static Session session() {
    return Session$.MODULE$.apply("scenario", 1, null);
  }

  /**
   * Sent at 10 ms; chunks at 130.4, 150.9, 171.2 and 191.6 ms; 4 output tokens. So TTFT 120.4 ms, TPOT 61.2 / 3 =
   * 20.4 ms, gaps 20.5, 20.3 and 20.4 ms, mean gap 20.4 ms.
   */
  private static RequestRecord fourTokens() {
    RequestRecord record = new RequestRecord("chat");
    record.sent(10 * MS);
    record.httpStatus(200);
    for (long chunk : new long[] {130_400_000, 150_900_000, 171_200_000, 191_600_000}) {
      record.chunk(chunk);
    }
    record.outputTokens(4, TokenSource.USAGE);
    record.ended(192 * MS);
    return record;
  }

  @Test
  void successfulRequestIsOneGatlingRequestAndItsTimingsAreGroupEnds() {
    records(ItlStats.EVERY_GAP).log(session(), fourTokens());

    assertEquals(1, stats.responses.size(), "TTFT, TPOT and ITL are not requests");
    RecordingStatsEngine.Response request = stats.responses.get(0);
    assertEquals("chat", request.name());
    assertEquals("OK", request.status());
    assertEquals("200", request.code());
    assertEquals(ORIGIN_MS + 10, request.startMillis());
    assertEquals(ORIGIN_MS + 192, request.endMillis(), "send to the last chunk, rounded");

    assertGroup(stats.groupsNamed("chat TTFT"), ORIGIN_MS + 10, 120);
    assertGroup(stats.groupsNamed("chat TPOT"), ORIGIN_MS + 10, 20);
    List<RecordingStatsEngine.GroupEnd> gaps = stats.groupsNamed("chat ITL");
    assertEquals(3, gaps.size(), "one group end per gap");
    // each gap starts where its chunk arrived and lasts the exact gap rounded once: 20.5 -> 21, 20.3 -> 20, 20.4 -> 20
    assertGroup(gaps.subList(0, 1), ORIGIN_MS + 130, 21);
    assertGroup(gaps.subList(1, 2), ORIGIN_MS + 151, 20);
    assertGroup(gaps.subList(2, 3), ORIGIN_MS + 171, 20);
    assertEquals(5, stats.groupEnds.size());
  }

  /** Duration (the report with useGroupDurationMetric) and cumulated time (the default report, assertions) agree. */
  private static void assertGroup(List<RecordingStatsEngine.GroupEnd> ends, long startMillis, int millis) {
    assertEquals(1, ends.size(), ends.toString());
    RecordingStatsEngine.GroupEnd end = ends.get(0);
    assertEquals(List.of(end.name()), end.path(), "top level, beside the request");
    assertEquals("scenario", end.scenario());
    assertEquals("OK", end.status());
    assertEquals(startMillis, end.startMillis());
    assertEquals(millis, end.durationMillis(), "duration");
    assertEquals(millis, end.cumulatedMillis(), "cumulated response time");
  }

  @Test
  void requestMeanGivesOneItlGroupEndPerRequest() {
    records(ItlStats.REQUEST_MEAN).log(session(), fourTokens());

    assertEquals(1, stats.responses.size());
    assertGroup(stats.groupsNamed("chat ITL"), ORIGIN_MS + 10, 20);
    assertEquals(3, stats.groupEnds.size(), "TTFT, TPOT, ITL");
  }

  @Test
  void noneGivesNoItlGroupEnd() {
    records(ItlStats.NONE).log(session(), fourTokens());

    assertEquals(1, stats.responses.size());
    assertTrue(stats.groupsNamed("chat ITL").isEmpty());
    assertEquals(2, stats.groupEnds.size(), "TTFT, TPOT");
  }

  @Test
  void oneTokenAnswerHasATtftButNoTpotAndNoGap() {
    RequestRecord record = new RequestRecord("chat");
    record.sent(0);
    record.chunk(55 * MS);
    record.outputTokens(1, TokenSource.USAGE);
    records(ItlStats.EVERY_GAP).log(session(), record);

    assertEquals(1, stats.responses.size());
    assertGroup(stats.groupsNamed("chat TTFT"), ORIGIN_MS, 55);
    assertEquals(1, stats.groupEnds.size());
  }

  @Test
  void failedRequestIsOneKoRequestAndLeavesNoDerivedRecord() {
    RequestRecord refused = new RequestRecord("chat");
    refused.sent(0);
    refused.httpStatus(503);
    refused.failed(ErrorCategory.HTTP_STATUS, "overloaded");
    refused.ended(4 * MS);
    // cut after its chunks: a failed request gives Gatling only its KO record (the LLM summary keeps what it measured)
    RequestRecord cut = fourTokens();
    cut.failed(ErrorCategory.CONNECTION_CLOSED, "");
    GatlingRecords records = records(ItlStats.EVERY_GAP);
    records.log(session(), refused);
    records.log(session(), cut);

    assertEquals(2, stats.responses.size());
    assertEquals("KO", stats.responses.get(0).status());
    assertEquals("503", stats.responses.get(0).code());
    assertEquals(refused.errorLabel(), stats.responses.get(0).message());
    assertEquals(4, stats.responses.get(0).durationMillis(), "send to the end of the failed exchange");
    assertEquals("KO", stats.responses.get(1).status());
    assertEquals(ErrorCategory.CONNECTION_CLOSED.label(), stats.responses.get(1).message());
    assertTrue(stats.groupEnds.isEmpty(), stats.groupEnds.toString());
  }

  @Test
  void insideTheUsersGroupsTheTimingsSitBesideTheRequest() {
    // as group("outer").on(group("inner").on(chat(...))) leaves the session
    Session inGroups = session().enterGroup("outer", ORIGIN_MS).enterGroup("inner", ORIGIN_MS);
    records(ItlStats.REQUEST_MEAN).log(inGroups, fourTokens());

    assertEquals(List.of("outer", "inner"), stats.responses.get(0).groups());
    for (String name : List.of("chat TTFT", "chat TPOT", "chat ITL")) {
      List<RecordingStatsEngine.GroupEnd> ends = stats.groupsNamed(name);
      assertEquals(1, ends.size(), name);
      // details("outer", "inner", "chat TTFT") in an assertion
      assertEquals(List.of("outer", "inner", name), ends.get(0).path());
    }
    assertEquals(120, stats.groupsNamed("chat TTFT").get(0).cumulatedMillis());
  }

  @Test
  void aGroupPathEndsWithTheRecordNameAfterTheUsersGroupsOutermostFirst() {
    scala.collection.immutable.List<String> groups =
        session().enterGroup("a", 0).enterGroup("b", 0).enterGroup("c", 0).groups();
    assertEquals(
        List.of("a", "b", "c", "chat TTFT"),
        scala.jdk.javaapi.CollectionConverters.asJava(GatlingRecords.beside(groups, "chat TTFT")));
    assertEquals(
        List.of("chat TTFT"),
        scala.jdk.javaapi.CollectionConverters.asJava(GatlingRecords.beside(session().groups(), "chat TTFT")));
  }

  @Test
  void theEndOfRunReportGathersExactlyTheValuesGatlingGot() {
    for (ItlStats mode : ItlStats.values()) {
      RecordingStatsEngine engine = new RecordingStatsEngine();
      GatlingRecords records = new GatlingRecords(engine, new TimeBase(ORIGIN_MS, 0), mode);
      GatlingTimingStats gathered = new GatlingTimingStats(GatlingTimingRule.of(mode), 1_000);
      RequestRecord oneToken = new RequestRecord("chat");
      oneToken.sent(0);
      oneToken.chunk(55 * MS);
      oneToken.outputTokens(1, TokenSource.USAGE);
      RequestRecord failed = fourTokens();
      failed.failed(ErrorCategory.CONNECTION_CLOSED, "");
      for (RequestRecord record : List.of(fourTokens(), oneToken, failed, fourTokens())) {
        records.log(session(), record);
        gathered.add(record); // top level: no groups, like the session
      }
      GatlingTimingStats.RequestPath path = new GatlingTimingStats.RequestPath(List.of(), "chat");
      for (LlmTiming timing : LlmTiming.values()) {
        List<Double> logged = new ArrayList<>();
        engine.groupsNamed(timing.recordName("chat")).forEach(g -> logged.add((double) g.cumulatedMillis()));
        logged.sort(null);
        List<Double> values = new ArrayList<>();
        Distribution d = gathered.values(path, timing);
        d.forEachValue((ms, count) -> values.add(ms));
        assertEquals(logged, values, mode + " " + timing);
        assertTrue(d.exact());
      }
    }
  }
}
