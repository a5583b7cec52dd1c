package io.github.gatlingllm.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SLO clause on the run's summary: a numeric key of {@code llm-summary.json} compared with a number, such as
 * {@code p99_ttft_ms<500}, {@code failed==0} or {@code request_goodput>=2}.
 *
 * @param key the summary key
 * @param operator the comparison
 * @param threshold the number compared with
 */
public record SummaryCheck(String key, Operator operator, double threshold) {

  private static final Pattern CLAUSE =
      Pattern.compile("\\s*([A-Za-z0-9_.]+)\\s*(<=|>=|==|<|>)\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*");

  /** The comparisons a clause may use. */
  public enum Operator {
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    EQ("==");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    boolean holds(double actual, double threshold) {
      return switch (this) {
        case LT -> actual < threshold;
        case LE -> actual <= threshold;
        case GT -> actual > threshold;
        case GE -> actual >= threshold;
        case EQ -> actual == threshold;
      };
    }

    static Operator of(String symbol) {
      for (Operator op : values()) {
        if (op.symbol.equals(symbol)) {
          return op;
        }
      }
      throw new IllegalArgumentException("Unknown operator '" + symbol + "'");
    }
  }

  /** Whether the actual value satisfies this clause. */
  public boolean holds(double actual) {
    return operator.holds(actual, threshold);
  }

  /** The clause as written, normalised: {@code p99_ttft_ms<500}. */
  @Override
  public String toString() {
    return key + operator.symbol + java.math.BigDecimal.valueOf(threshold).stripTrailingZeros().toPlainString();
  }

  /**
   * Parses {@code clause;clause;...} (semicolons or commas between clauses).
   *
   * @throws IllegalArgumentException naming the clause and the expected form
   */
  public static List<SummaryCheck> parseAll(String clauses) {
    List<SummaryCheck> checks = new ArrayList<>();
    for (String part : clauses.split("[;,]")) {
      if (!part.isBlank()) {
        checks.add(parse(part));
      }
    }
    if (checks.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid SLO checks '" + clauses + "': expected clauses such as p99_ttft_ms<500;failed==0");
    }
    return checks;
  }

  /** Parses one clause such as {@code p99_ttft_ms<500}. */
  public static SummaryCheck parse(String clause) {
    Matcher m = CLAUSE.matcher(clause);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "Invalid SLO check '"
              + clause.trim()
              + "': expected <summary key><op><number> with op one of <, <=, >, >=, ==, e.g. p99_ttft_ms<500");
    }
    return new SummaryCheck(m.group(1).toLowerCase(Locale.ROOT), Operator.of(m.group(2)), Double.parseDouble(m.group(3)));
  }

  /** An actual value for display: whole numbers as such, others with 2 decimals. */
  static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
