package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gatlingllm.metrics.ErrorCategory;
import io.github.gatlingllm.metrics.MetricsRecorder;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
  void eachLineCountsTheNewRequestsAndTheTtftSoFar() {
    MetricsRecorder recorder = new MetricsRecorder();
    LiveProgress progress =
        new LiveProgress(recorder, 3_600_000, new PrintStream(new ByteArrayOutputStream())); // no tick during test
    try {
      for (int i = 0; i < 5; i++) {
        progress.requestStarted();
      }
      recorder.record(ok(100, 40));
      recorder.record(ok(300, 60));
      RequestRecord failed = new RequestRecord("r");
      failed.failed(ErrorCategory.CONNECT_ERROR, "refused");
      recorder.record(failed);
      long start = System.nanoTime();
      progress.line(start); // starts the first full period
      recorder.record(ok(200, 50));
      // one second later: 50 tokens in that second; TTFT over [100, 300, 200]: p50 200, p99 = 200 + 0.98 * 100
      assertEquals(
          "LLM: 4 done (1 failed), 1 in flight, 50.0 output tok/s, TTFT p50 200.0 ms, p99 298.0 ms",
          progress.line(start + 1_000_000_000L));
    } finally {
      progress.stop();
    }
  }
}
