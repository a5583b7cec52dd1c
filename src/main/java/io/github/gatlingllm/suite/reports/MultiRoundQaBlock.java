package io.github.gatlingllm.suite.reports;

import io.github.gatlingllm.report.PythonFormat;

import java.util.List;

/**
 * The production stack's "Performance summary" block over a time window, computed as its {@code ProcessSummary}:
 * requests finished in the window count, the rates divide by the window's length, and the QPS line shows the
 * configured rate (0 when recomputed from a file).
 *
 * @param qps the configured QPS (printed as is)
 * @param launched requests launched in the window (among those finished at any time)
 * @param finished requests finished in the window
 * @param pending requests in flight at the window's end
 * @param startTime the window's start, epoch s
 * @param endTime the window's end, epoch s
 * @param processingSpeed finished requests per second
 * @param inputTokensPerSecond prompt tokens of the finished requests per second
 * @param outputTokensPerSecond generated tokens of the finished requests per second
 * @param generationSpeedPerRequest mean of each request's generated tokens / generation time
 * @param averageTtft mean TTFT of the finished requests, s (NaN when none)
 */
public record MultiRoundQaBlock(
    double qps,
    int launched,
    int finished,
    long pending,
    double startTime,
    double endTime,
    double processingSpeed,
    double inputTokensPerSecond,
    double outputTokensPerSecond,
    double generationSpeedPerRequest,
    double averageTtft) {

  /**
   * Over {@code [start, end]}: launched and finished counts inside it, rates over its length.
   *
   * @param rows every answered request so far
   */
  public static MultiRoundQaBlock window(
      List<MultiRoundQaRow> rows, double start, double end, long pending, double qps) {
    Sums sums = new Sums();
    for (MultiRoundQaRow row : rows) {
      if (row.launchTime() >= start && row.launchTime() <= end) {
        sums.launched++;
      }
      if (row.finishTime() >= start && row.finishTime() <= end) {
        sums.finished(row.promptTokens(), row.generationTokens(), row.ttft(), row.generationTime());
      }
    }
    return sums.block(start, end, pending, qps);
  }

  /**
   * The window's sums, which can also be kept as requests finish: a window that holds every request of the run (the
   * end-of-run block) then needs no request kept.
   */
  public static final class Sums {
    private int launched;
    private int finished;
    private long promptTokens;
    private long generationTokens;
    private double speedSum;
    private int speedCount;
    private double ttftSum;

    /** A request launched and finished inside the window. */
    public void add(MultiRoundQaRow row) {
      launched++;
      finished(row.promptTokens(), row.generationTokens(), row.ttft(), row.generationTime());
    }

    void finished(long prompt, long generation, double ttft, double generationTime) {
      finished++;
      promptTokens += prompt;
      generationTokens += generation;
      ttftSum += ttft;
      double speed = generation / generationTime;
      // pandas' mean() skips NaN (0 tokens in 0 s); an infinite speed (tokens in 0 s) is left out likewise.
      if (Double.isFinite(speed)) {
        speedSum += speed;
        speedCount++;
      }
    }

    public int finishedCount() {
      return finished;
    }

    public MultiRoundQaBlock block(double start, double end, long pending, double qps) {
      double seconds = end - start;
      return new MultiRoundQaBlock(
          qps,
          launched,
          finished,
          pending,
          start,
          end,
          finished / seconds,
          promptTokens / seconds,
          generationTokens / seconds,
          speedCount == 0 ? Double.NaN : speedSum / speedCount,
          finished == 0 ? Double.NaN : ttftSum / finished);
    }
  }

  /** The whole file: from the first launch to the last finish (the original's {@code --process-summary}). */
  public static MultiRoundQaBlock whole(List<MultiRoundQaRow> rows) {
    double start = Double.POSITIVE_INFINITY;
    double end = Double.NEGATIVE_INFINITY;
    for (MultiRoundQaRow row : rows) {
      start = Math.min(start, row.launchTime());
      end = Math.max(end, row.finishTime());
    }
    if (rows.isEmpty()) {
      start = 0;
      end = 0;
    }
    return window(rows, start, end, 0, 0.0);
  }

  /** The last finish time of {@code rows}, or NaN when there is none. */
  public static double lastFinish(List<MultiRoundQaRow> rows) {
    double end = Double.NaN;
    for (MultiRoundQaRow row : rows) {
      end = Double.isNaN(end) ? row.finishTime() : Math.max(end, row.finishTime());
    }
    return end;
  }

  /** The block as the original prints it; {@code color} adds its ANSI colours (for a terminal). */
  public String render(boolean color) {
    String label = color ? "\033[33m" : "";
    String value = color ? "\033[32m" : "";
    String reset = color ? "\033[0m" : "";
    StringBuilder out = new StringBuilder();
    out.append("\n\n");
    out.append("==================== Performance summary ======================\n");
    line(out, label + "QPS: " + value + PythonFormat.fixed(qps, 4) + " reqs/s" + reset);
    line(out, label + "Processing speed: " + value + PythonFormat.fixed(processingSpeed, 4) + " reqs/s" + reset);
    line(out, label + "Requests on-the-fly: " + pending + reset);
    line(out, label + "Input tokens per second: " + value + PythonFormat.fixed(inputTokensPerSecond, 4)
        + " tokens/s" + reset);
    line(out, label + "Output tokens per second: " + value + PythonFormat.fixed(outputTokensPerSecond, 4)
        + " tokens/s" + reset);
    line(out, label + "Average generation throughput (per request): " + value
        + PythonFormat.fixed(generationSpeedPerRequest, 4) + " tokens/req/s" + reset);
    line(out, label + "Average TTFT: " + value + PythonFormat.fixed(averageTtft, 4) + "s" + reset);
    out.append("Time range: ")
        .append(PythonFormat.repr(startTime))
        .append(" - ")
        .append(PythonFormat.repr(endTime))
        .append(" (")
        .append(PythonFormat.fixed(endTime - startTime, 2))
        .append("s)\n");
    out.append("===============================================================\n");
    out.append("\n\n");
    return out.toString();
  }

  /** A figure line: two spaces in, then the blank line the original's trailing "\n" adds. */
  private static void line(StringBuilder out, String text) {
    out.append("  ").append(text).append("\n\n");
  }
}
