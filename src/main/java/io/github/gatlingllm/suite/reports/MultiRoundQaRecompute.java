package io.github.gatlingllm.suite.reports;

import io.github.gatlingllm.report.RoundTtfts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints the production stack's "Performance summary" and TTFT by round from a {@code multi-round-qa.csv} alone (ours
 * or the original tool's), over the file's whole span: the original's {@code --process-summary}.
 *
 * <pre>
 * java -cp target/classes:... io.github.gatlingllm.suite.reports.MultiRoundQaRecompute target/gatling/multiroundqa-.../multi-round-qa.csv
 * </pre>
 */
public final class MultiRoundQaRecompute {
  private MultiRoundQaRecompute() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: MultiRoundQaRecompute <multi-round-qa.csv>");
      System.exit(64);
    }
    try {
      System.out.print(render(MultiRoundQaCsv.read(Path.of(args[0]))));
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("MultiRoundQaRecompute: " + e.getMessage());
      System.exit(1);
    }
  }

  /** The block and the TTFT-by-round table of {@code rows}. */
  public static String render(List<MultiRoundQaRow> rows) {
    return MultiRoundQaBlock.whole(rows).render(false) + roundTtfts(rows).render();
  }

  /** TTFT by round from the rows of a multi-round CSV (the question id is the round). */
  static RoundTtfts roundTtfts(List<MultiRoundQaRow> rows) {
    RoundTtfts.Recorder recorder = new RoundTtfts.Recorder();
    for (MultiRoundQaRow row : rows) {
      recorder.add(row.questionId(), row.ttft() * 1e3, row.promptTokens());
    }
    return recorder.done();
  }
}
