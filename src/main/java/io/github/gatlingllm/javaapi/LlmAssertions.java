package io.github.gatlingllm.javaapi;

import io.github.gatlingllm.report.SummaryCheck;
import java.util.List;

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
 *
 * <p>Gatling Enterprise judges a run by Gatling's assertions only (the plugin never changes a load generator's exit
 * status there): {@link #gatlingEquivalents} turns the clauses Gatling can judge into Gatling assertions, for
 * {@code setUp(...).assertions(...)}.
 */
public final class LlmAssertions {
  private LlmAssertions() {}

  /**
   * The Gatling assertions equivalent to {@code clauses} ({@code llm.assert} syntax, e.g.
   * {@code p99_ttft_ms<500;failed==0}) for requests named {@code requestNames}, and the clauses with no equivalent.
   */
  public static GatlingEquivalents gatlingEquivalents(String clauses, List<String> requestNames) {
    return gatlingEquivalents(SummaryCheck.parseAll(clauses), requestNames);
  }

  /**
   * The Gatling assertions equivalent to {@code checks} for requests named {@code requestNames}:
   *
   * <ul>
   *   <li>{@code mean_}/{@code median_}/{@code std_}/{@code p<q>_} of {@code ttft}, {@code tpot}, {@code itl}: the
   *       response time of the {@code <name> TTFT} / {@code TPOT} / {@code ITL} rows ({@code ITL} only exists with
   *       {@code itlStats} other than {@code none}; TPOT only for requests of more than one output token);
   *   <li>the same of {@code e2el}: the request's own row (Gatling's row also times failed requests, ours does not);
   *   <li>{@code failed}, {@code completed}: the KO / OK count; {@code failed_ratio}: the KO percentage (x100); on the
   *       request's row, or Gatling's global counts when there are several names.
   * </ul>
   *
   * <p>Gatling compares whole milliseconds: a threshold becomes the whole-number one meaning the same for whole
   * numbers ({@code <12.5} becomes at most 12); the values compared still differ by Gatling's rounding of each record
   * to the millisecond (and its percentile estimate), so a figure within about 1 ms of its threshold may be judged
   * differently by the two. Any other key ({@code request_goodput}, throughputs, token counts, run facts, an equality
   * with a fraction) is returned as unmapped.
   */
  public static GatlingEquivalents gatlingEquivalents(List<SummaryCheck> checks, List<String> requestNames) {
    return GatlingAssertionMapping.map(checks, requestNames);
  }

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
