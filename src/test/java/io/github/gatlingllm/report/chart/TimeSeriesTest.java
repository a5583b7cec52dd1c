package io.github.gatlingllm.report.chart;

import static io.github.gatlingllm.metrics.TestRecords.T0;
import static io.github.gatlingllm.metrics.TestRecords.ms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TestRecords;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The "over time" series on TestRecords' run (times in ms from T0):
 *
 * <pre>
 *        intended send  chunks               out tokens   end    outcome
 *   A    0        0     100 150 200 250      4            260    ok
 *   B    0        100   400 1300             1            1310   ok
 *   C    250      250   350 450 850          (3 chunks)   900    ok
 *   D    200      200   -                    -            220    HTTP 503
 *   E    1000     1000  1100 1200            -            2000   idle timeout
 * </pre>
 */
class TimeSeriesTest {
  private final List<RequestRecord> run = TestRecords.scenario();
  private final TimeBuckets axis = TimeBuckets.of(run);

  @Test
  void oneSecondBucketsFromTheFirstArrivalToTheLastEnd() {
    assertEquals(new TimeBuckets(T0, 1_000_000_000L, 3), axis, "0 .. 2000 ms: buckets 0, 1 and 2");
    assertEquals(1, axis.index(ms(1999)));
    assertEquals(2, axis.index(ms(5000)), "clamped");
  }

  @Test
  void longRunsGetWiderBuckets() {
    assertEquals(1_000_000_000L, axisSpanning(999.9).widthNanos());
    assertEquals(1000, axisSpanning(999.9).count());
    assertEquals(2_000_000_000L, axisSpanning(1000).widthNanos());
    assertEquals(501, axisSpanning(1000).count());
    assertEquals(11_000_000_000L, axisSpanning(10_000).widthNanos());
    assertTrue(axisSpanning(86_400).count() <= TimeBuckets.MAX_BUCKETS);
  }

  private static TimeBuckets axisSpanning(double seconds) {
    RequestRecord r = new RequestRecord("x");
    r.intended(ms(0));
    r.sent(ms(0));
    r.ended(ms(seconds * 1000));
    return TimeBuckets.of(List.of(r));
  }

  @Test
  void outputTokensSpreadOverTheirChunks() {
    // A: 4 tokens in bucket 0. B: 1 token over 2 chunks, half in each bucket. C: no count, 3 chunks = 3 tokens.
    // E failed: not counted.
    assertArrayEquals(new double[] {7.5, 0.5, 0}, TimelineRecorder.of(run).outputTokensPerSecond(axis), 1e-12);
  }

  @Test
  void requestsInFlight() {
    InFlight f = TimelineRecorder.of(run).inFlight(axis);
    // Bucket 0: A 0.26 s + B 0.9 + C 0.65 + D 0.02; bucket 1: B 0.31 + E 1.0 (E ends exactly at 2000).
    assertArrayEquals(new double[] {1.83, 1.31, 0}, f.mean(), 1e-9);
    // Bucket 0: A, B and D at 200-220 ms, or A, B and C at 250-260; bucket 1: B and E; E is over at 2000.
    assertArrayEquals(new int[] {3, 2, 0}, f.peak());
  }

  @Test
  void inFlightCountsEndsBeforeStartsAndCarriesAcrossBuckets() {
    List<RequestRecord> rs = new ArrayList<>();
    rs.add(request(0, 500));
    rs.add(request(500, 3500)); // starts as the first ends; spans bucket 1 whole
    rs.add(request(2500, 2600));
    TimeBuckets a = TimeBuckets.of(rs);
    InFlight f = TimelineRecorder.of(rs).inFlight(a);
    assertArrayEquals(new int[] {1, 1, 2, 1}, f.peak());
    assertArrayEquals(new double[] {1, 1, 1.1, 0.5}, f.mean(), 1e-9);
  }

  private static RequestRecord request(double send, double end) {
    RequestRecord r = new RequestRecord("x");
    r.intended(ms(send));
    r.sent(ms(send));
    r.chunk(ms(end));
    r.ended(ms(end));
    return r;
  }

  @Test
  void queueTimeByArrival() {
    QueueTime q = TimelineRecorder.of(run).queueTime(axis);
    // Bucket 0 arrivals: A, B (waited 100 ms), C, D; bucket 1: E; bucket 2: none (a gap).
    assertArrayEquals(new double[] {25, 0, Double.NaN}, q.meanMs(), 1e-12);
    assertArrayEquals(new double[] {100, 0, Double.NaN}, q.maxMs(), 1e-12);
    assertTrue(q.anyQueued());
  }

  @Test
  void errorsByLabelWhereTheRequestEnded() {
    ErrorTimeline e = TimelineRecorder.of(run).errors(axis);
    assertEquals(List.of("HTTP 503", "idle timeout"), e.labels(), "equal totals: by name");
    assertArrayEquals(new double[] {1, 0, 0}, e.perSecond().get(0));
    assertArrayEquals(new double[] {0, 0, 1}, e.perSecond().get(1), "E ended at 2000 ms");
    assertTrue(TimelineRecorder.of(run.subList(0, 3)).errors(axis).isEmpty());
  }

  @Test
  void errorsLargestFirst() {
    List<RequestRecord> rs = new ArrayList<>(run);
    RequestRecord f = new RequestRecord("x");
    f.intended(ms(10));
    f.sent(ms(10));
    f.failed(io.github.gatlingllm.metrics.ErrorCategory.IDLE_TIMEOUT, "");
    f.ended(ms(30));
    rs.add(f);
    ErrorTimeline e = TimelineRecorder.of(rs).errors(axis);
    assertEquals(List.of("idle timeout", "HTTP 503"), e.labels());
    assertFalse(e.isEmpty());
  }

  @Test
  void aDayLongRunKeepsAFixedNumberOfBucketsAndEveryToken() {
    TimelineRecorder recorder = new TimelineRecorder(T0);
    long tokens = 0;
    for (int second = 0; second < 86_400; second += 7) {
      RequestRecord r = new RequestRecord("x");
      r.intended(ms(second * 1000.0));
      r.sent(ms(second * 1000.0));
      r.chunk(ms(second * 1000.0 + 500));
      r.chunk(ms(second * 1000.0 + 900));
      r.outputTokens(2, io.github.gatlingllm.metrics.TokenSource.USAGE);
      r.ended(ms(second * 1000.0 + 900));
      recorder.add(r);
      tokens += 2;
    }
    recorder.advance(Long.MAX_VALUE);
    TimeBuckets day = recorder.axis(new io.github.gatlingllm.metrics.RunSpan(T0, ms(86_400_000.0)));
    assertTrue(day.count() <= TimeBuckets.MAX_BUCKETS, day.toString());
    double[] perSecond = recorder.outputTokensPerSecond(day);
    double total = 0;
    for (double v : perSecond) {
      total += v * day.widthSeconds();
    }
    assertEquals(tokens, total, 1e-6, "widening merges buckets, it never drops a token");
    InFlight f = recorder.inFlight(day);
    for (int peak : f.peak()) {
      assertTrue(peak <= 1, "one request at a time");
    }
  }

  @Test
  void requestsFinishingOutOfOrderGiveTheSameSeriesAsTheFinishedList() {
    TimelineRecorder live = new TimelineRecorder(T0);
    for (int i = run.size() - 1; i >= 0; i--) {
      live.add(run.get(i));
      live.advance(T0); // nothing can be settled before the first arrival
    }
    live.advance(Long.MAX_VALUE);
    TimelineRecorder list = TimelineRecorder.of(run);
    assertArrayEquals(list.inFlight(axis).peak(), live.inFlight(axis).peak());
    assertArrayEquals(list.inFlight(axis).mean(), live.inFlight(axis).mean(), 1e-12);
    assertArrayEquals(list.outputTokensPerSecond(axis), live.outputTokensPerSecond(axis), 1e-12);
  }
}
