package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.Distribution;
import io.github.gatlingllm.metrics.MetricSamples;
import io.github.gatlingllm.metrics.RequestRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * TTFT by conversation round: round 1 carries a history nobody has sent yet, later rounds resend it, so a server with
 * a prefix cache answers them sooner. Mean, median and p99 (numpy's linear percentiles, as the LLM summary) per round,
 * with the mean prompt size, which shows the history growing.
 */
public final class RoundTtfts {
  private final Map<Integer, Distribution> byRound;
  private final Map<Integer, Double> meanPromptTokens;

  private RoundTtfts(Map<Integer, Distribution> byRound, Map<Integer, Double> meanPromptTokens) {
    this.byRound = byRound;
    this.meanPromptTokens = meanPromptTokens;
  }

  /** From the successful requests of {@code records} that belong to a conversation (none: no rounds). */
  public static RoundTtfts ofRecords(List<RequestRecord> records) {
    Recorder recorder = new Recorder();
    records.forEach(recorder::add);
    return recorder.done();
  }

  /** TTFTs and prompt sizes gathered by round as requests finish (memory: one {@link MetricSamples} per round). */
  public static final class Recorder {
    private final Map<Integer, MetricSamples> millis = new TreeMap<>();
    private final Map<Integer, long[]> promptSums = new TreeMap<>();

    /** Counts a request when it succeeded as part of a conversation. */
    public void add(RequestRecord r) {
      if (r.success() && r.conversationRound() > 0) {
        add(r.conversationRound(), r.ttftNanos() / 1e6, Math.max(0, r.promptTokens()));
      }
    }

    /** Counts one successful request of round {@code round} (from 1), e.g. read back from a saved file. */
    public void add(int round, double ttftMs, long promptTokens) {
      millis.computeIfAbsent(round, k -> new MetricSamples(MetricSamples.DEFAULT_EXACT_LIMIT)).add(ttftMs);
      promptSums.computeIfAbsent(round, k -> new long[1])[0] += promptTokens;
    }

    public RoundTtfts done() {
      Map<Integer, Distribution> byRound = new TreeMap<>();
      Map<Integer, Double> meanPrompt = new TreeMap<>();
      millis.forEach(
          (round, samples) -> {
            byRound.put(round, samples.distribution());
            meanPrompt.put(round, promptSums.get(round)[0] / (double) samples.count());
          });
      return new RoundTtfts(byRound, meanPrompt);
    }
  }

  /** The mean prompt tokens of round {@code round} (0 when it has no request). */
  public double meanPromptTokens(int round) {
    return meanPromptTokens.getOrDefault(round, 0.0);
  }

  /** The rounds present, in order. */
  public List<Integer> rounds() {
    return List.copyOf(byRound.keySet());
  }

  public Distribution round(int round) {
    return byRound.getOrDefault(round, Distribution.empty());
  }

  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-12s %8s %12s %12s %12s %14s%n", "TTFT by round", "requests", "mean (ms)",
        "median (ms)", "p99 (ms)", "prompt tokens"));
    byRound.forEach(
        (round, d) ->
            out.append(
                String.format(
                    Locale.ROOT,
                    "%-12s %8d %12.2f %12.2f %12.2f %14.1f%n",
                    "round " + round,
                    d.count(),
                    d.mean(),
                    d.median(),
                    d.percentile(99),
                    meanPromptTokens(round))));
    return out.toString();
  }

  /**
   * {@code [{"round", "requests", "mean_ttft_ms", "median_ttft_ms", "p99_ttft_ms", "mean_prompt_tokens"}, ...]}.
   */
  public List<Map<String, Object>> json() {
    List<Map<String, Object>> out = new ArrayList<>();
    byRound.forEach(
        (round, d) -> {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("round", round);
          entry.put("requests", d.count());
          entry.put("mean_ttft_ms", d.mean());
          entry.put("median_ttft_ms", d.median());
          entry.put("p99_ttft_ms", d.percentile(99));
          entry.put("mean_prompt_tokens", meanPromptTokens(round));
          out.add(entry);
        });
    return out;
  }
}
