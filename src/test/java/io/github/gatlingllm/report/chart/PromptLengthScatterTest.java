package io.github.gatlingllm.report.chart;

import static io.github.gatlingllm.metrics.TestRecords.ms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TestRecords;
import io.github.gatlingllm.metrics.TokenSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptLengthScatterTest {
  @Test
  void onePointPerSuccessfulRequestWithAKnownPrompt() {
    PromptLengthScatter s = PromptLengthScatter.compute(TestRecords.scenario());
    // A (10 tokens, TTFT 100 ms) and B (20 tokens, TTFT 300 ms); C has no prompt count; D and E failed.
    assertEquals(2, s.total());
    assertArrayEquals(new double[] {10, 100}, s.points().get(0));
    assertArrayEquals(new double[] {20, 300}, s.points().get(1));
  }

  @Test
  void downsampledKeepingTheSlowest() {
    List<RequestRecord> rs = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      RequestRecord r = new RequestRecord("x");
      r.sent(ms(i));
      // TTFT 1..5000 ms in a scrambled order, so the slowest are spread through the list.
      double ttft = 1 + (i * 7919L) % 5000;
      r.chunk(ms(i + ttft));
      r.promptTokens(100 + i % 50, TokenSource.USAGE);
      rs.add(r);
    }
    PromptLengthScatter s = PromptLengthScatter.compute(rs);
    assertEquals(5000, s.total());
    assertEquals(PromptLengthScatter.MAX_POINTS, s.points().size());
    for (int slow = 5000; slow > 5000 - PromptLengthScatter.SLOWEST; slow--) {
      double ttft = slow;
      assertTrue(s.points().stream().anyMatch(p -> Math.abs(p[1] - ttft) < 1e-6), "keeps TTFT " + slow);
    }
    assertEquals(ScriptJson.write(s.points()), ScriptJson.write(PromptLengthScatter.compute(rs).points()), "deterministic");
  }
}
