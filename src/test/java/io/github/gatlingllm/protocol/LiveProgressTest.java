package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.metrics.ErrorCategory;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.RunStatistics;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.metrics.TokenSource;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LiveProgressTest {

  private static RequestRecord ok(long ttftMs, int tokens) {
    RequestRecord r = new RequestRecord("r");
    r.sent(0);
    r.chunk(ttftMs * 1_000_000);
    r.outputTokens(tokens, TokenSource.USAGE);
    r.ended(ttftMs * 1_000_000);
    return r;
  }

  @Test
  void eachLineCountsTheNewRequestsAndReadsTheTtftOffItsHistogram() {
    RunStatistics statistics = new RunStatistics(SummaryOptions.defaults());
    long start = 1_000_000_000L;
    LiveProgress progress = new LiveProgress(start);
    statistics.add(ok(100, 40));
    statistics.add(ok(300, 60));
    RequestRecord failed = new RequestRecord("r");
    failed.failed(ErrorCategory.CONNECT_ERROR, "refused");
    statistics.add(failed);
    progress.line(statistics, 5, start); // starts the first full period
    statistics.add(ok(200, 50));
    // One second later: 50 tokens in that second. TTFT [100, 300, 200] from the histogram: p50 200, p99 300, each
    // within 0.1 % (a bucket's middle).
    String line = progress.line(statistics, 5, start + 1_000_000_000L);
    Matcher m =
        Pattern.compile("LLM: 4 done \\(1 failed\\), 1 in flight, 50\\.0 output tok/s, TTFT p50 ([0-9.]+) ms, p99 ([0-9.]+) ms")
            .matcher(line);
    assertTrue(m.matches(), line);
    assertEquals(200, Double.parseDouble(m.group(1)), 200 * 0.001 + 0.05);
    assertEquals(300, Double.parseDouble(m.group(2)), 300 * 0.001 + 0.05);
  }

  @Test
  void cancelledRequestsAreShownApart() {
    RunStatistics statistics = new RunStatistics(SummaryOptions.defaults());
    RequestRecord cut = new RequestRecord("r");
    cut.sent(0);
    cut.failed(ErrorCategory.CANCELLED, "the client closed: the run ended");
    cut.ended(10);
    statistics.add(cut);
    assertEquals(
        "LLM: 1 done (0 failed), 0 in flight, 0.0 output tok/s, TTFT p50 0.0 ms, p99 0.0 ms, 1 cancelled",
        new LiveProgress(0).line(statistics, 1, 1_000_000_000L));
  }
}
