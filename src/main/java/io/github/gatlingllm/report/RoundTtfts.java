package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.Distribution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * TTFT by conversation round: round 1 carries a history nobody has sent yet, later rounds resend it, so a server with
 * a prefix cache answers them sooner. Mean, median and p99 (numpy's linear percentiles, as the LLM summary) per round.
 */
public final class RoundTtfts {
  private final Map<Integer, Distribution> byRound;

  private RoundTtfts(Map<Integer, Distribution> byRound) {
    this.byRound = byRound;
  }

  public static RoundTtfts of(List<MultiRoundQaRow> rows) {
    Map<Integer, List<Double>> millis = new TreeMap<>();
    for (MultiRoundQaRow row : rows) {
      millis.computeIfAbsent(row.questionId(), k -> new ArrayList<>()).add(row.ttft() * 1e3);
    }
    Map<Integer, Distribution> byRound = new TreeMap<>();
    millis.forEach(
        (round, values) -> byRound.put(round, Distribution.ofMillis(values.stream().mapToDouble(d -> d).toArray())));
    return new RoundTtfts(byRound);
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
    out.append(String.format(Locale.ROOT, "%-12s %8s %12s %12s %12s%n", "TTFT by round", "requests", "mean (ms)",
        "median (ms)", "p99 (ms)"));
    byRound.forEach(
        (round, d) ->
            out.append(
                String.format(
                    Locale.ROOT,
                    "%-12s %8d %12.2f %12.2f %12.2f%n",
                    "round " + round,
                    d.count(),
                    d.mean(),
                    d.median(),
                    d.percentile(99))));
    return out.toString();
  }

  /** {@code [{"round", "requests", "mean_ttft_ms", "median_ttft_ms", "p99_ttft_ms"}, ...]}. */
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
          out.add(entry);
        });
    return out;
  }
}
