package io.github.gatlingllm.javaapi;

import io.github.gatlingllm.report.SummaryCheck;

/**
 * SLO checks on the LLM summary for scenario authors, the typed form of {@code llm.assert}:
 *
 * <pre>{@code
 * llm.baseUrl(url).assertions(
 *     LlmAssertions.summary("p99_ttft_ms").lt(500),
 *     LlmAssertions.summary("failed").is(0),
 *     LlmAssertions.summary("request_goodput").gte(2))
 * }</pre>
 *
 * <p>Keys are those of {@code llm-summary.json} (vLLM's names: {@code mean_ttft_ms}, {@code p99_itl_ms},
 * {@code output_throughput}, ...). For Gatling's own per-record figures use Gatling's assertions on the
 * {@code <name> TTFT} / {@code <name> TPOT} / {@code <name> ITL} rows instead.
 */
public final class LlmAssertions {
  private LlmAssertions() {}

  /** A numeric key of the summary. */
  public static Key summary(String key) {
    if (key == null || !key.matches("[A-Za-z0-9_.]+")) {
      throw new IllegalArgumentException("Invalid summary key '" + key + "': expected a key of llm-summary.json");
    }
    return new Key(key);
  }

  /** The comparisons available on a key. */
  public static final class Key {
    private final String key;

    private Key(String key) {
      this.key = key;
    }

    /** The key is below {@code threshold}. */
    public SummaryCheck lt(double threshold) {
      return new SummaryCheck(key, SummaryCheck.Operator.LT, threshold);
    }

    /** The key is at most {@code threshold}. */
    public SummaryCheck lte(double threshold) {
      return new SummaryCheck(key, SummaryCheck.Operator.LE, threshold);
    }

    /** The key is above {@code threshold}. */
    public SummaryCheck gt(double threshold) {
      return new SummaryCheck(key, SummaryCheck.Operator.GT, threshold);
    }

    /** The key is at least {@code threshold}. */
    public SummaryCheck gte(double threshold) {
      return new SummaryCheck(key, SummaryCheck.Operator.GE, threshold);
    }

    /** The key equals {@code value} (e.g. {@code failed} is 0). */
    public SummaryCheck is(double value) {
      return new SummaryCheck(key, SummaryCheck.Operator.EQ, value);
    }
  }
}
