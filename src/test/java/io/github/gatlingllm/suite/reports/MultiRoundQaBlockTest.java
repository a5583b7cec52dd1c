package io.github.gatlingllm.suite.reports;

import io.github.gatlingllm.report.RoundTtfts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected texts come from the production stack's {@code ProcessSummary} run on the same rows (pandas, Python 3). */
class MultiRoundQaBlockTest {
  static final List<MultiRoundQaRow> ROWS =
      List.of(
          new MultiRoundQaRow(326, 20, 0.051830442, 0.37899971, 5, 1, 1795459193.563874, 1795459193.994704),
          new MultiRoundQaRow(326, 4, 0.050364776, 0.060101082, 4, 1, 1795459194.0565393, 1795459194.167005),
          new MultiRoundQaRow(361, 11, 0.051118529, 0.200290295, 5, 2, 1795459194.5665987, 1795459194.8180075),
          // no token in no time: pandas gives NaN and its mean skips it
          new MultiRoundQaRow(387, 0, 0.06, 0.0, 5, 3, 1795459195.5755005, 1795459195.6355005));

  @Test
  void aWindowCountsWhatFinishedInsideItAndShowsTheConfiguredQps() {
    MultiRoundQaBlock block = MultiRoundQaBlock.window(ROWS, 1795459193.5, 1795459195.0, 2, 4);
    assertEquals(3, block.launched());
    assertEquals(3, block.finished());
    assertEquals(
        "\n\n==================== Performance summary ======================\n"
            + "  QPS: 4.0000 reqs/s\n\n"
            + "  Processing speed: 2.0000 reqs/s\n\n"
            + "  Requests on-the-fly: 2\n\n"
            + "  Input tokens per second: 675.3333 tokens/s\n\n"
            + "  Output tokens per second: 23.3333 tokens/s\n\n"
            + "  Average generation throughput (per request): 58.0818 tokens/req/s\n\n"
            + "  Average TTFT: 0.0511s\n\n"
            + "Time range: 1795459193.5 - 1795459195.0 (1.50s)\n"
            + "===============================================================\n\n\n",
        block.render(false));
  }

  @Test
  void theWholeFileSpansFirstLaunchToLastFinish() {
    assertEquals(
        "\n\n==================== Performance summary ======================\n"
            + "  QPS: 0.0000 reqs/s\n\n"
            + "  Processing speed: 1.9309 reqs/s\n\n"
            + "  Requests on-the-fly: 0\n\n"
            + "  Input tokens per second: 675.7975 tokens/s\n\n"
            + "  Output tokens per second: 16.8949 tokens/s\n\n"
            + "  Average generation throughput (per request): 58.0818 tokens/req/s\n\n"
            + "  Average TTFT: 0.0533s\n\n"
            + "Time range: 1795459193.563874 - 1795459195.6355004 (2.07s)\n"
            + "===============================================================\n\n\n",
        MultiRoundQaBlock.whole(ROWS).render(false));
  }

  @Test
  void colourIsTheOriginalsAnsiCodes() {
    String text = MultiRoundQaBlock.window(ROWS, 1795459193.5, 1795459195.0, 2, 4).render(true);
    assertEquals(true, text.contains("  \033[33mQPS: \033[32m4.0000 reqs/s\033[0m\n\n"), text);
    assertEquals(true, text.contains("  \033[33mRequests on-the-fly: 2\033[0m\n\n"), text);
  }

  @Test
  void ttftByRoundGroupsTheRows() {
    RoundTtfts byRound = MultiRoundQaRecompute.roundTtfts(ROWS);
    assertEquals(List.of(1, 2, 3), byRound.rounds());
    assertEquals(2, byRound.round(1).count());
    assertEquals((51.830442 + 50.364776) / 2, byRound.round(1).mean(), 1e-9);
    assertEquals(60.0, byRound.round(3).median(), 1e-9);
    assertEquals(0, byRound.round(4).count());
    String table = byRound.render();
    assertEquals(
        true,
        table.startsWith("TTFT by round requests    mean (ms)  median (ms)     p99 (ms)  prompt tokens\n"),
        table);
    assertEquals(true, table.contains("round 2             1        51.12        51.12        51.12          361.0\n"),
        table);
    assertEquals(326.0, byRound.meanPromptTokens(1), 1e-9);
  }
}
