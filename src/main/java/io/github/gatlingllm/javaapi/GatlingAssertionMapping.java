package io.github.gatlingllm.javaapi;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Assertion;
import io.github.gatlingllm.metrics.LlmTiming;
import io.github.gatlingllm.report.SummaryCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The translation behind {@link LlmAssertions#gatlingEquivalents}: which summary key reads which Gatling row, and how
 * a threshold becomes a whole-number one.
 *
 * <p>Rows: {@code <stat>_ttft_ms}, {@code _tpot_ms}, {@code _itl_ms} read the {@code <name> TTFT}/{@code TPOT}/
 * {@code ITL} group records the plugin logs; {@code <stat>_e2el_ms} reads the request's own row; {@code failed},
 * {@code completed} and {@code failed_ratio} its KO/OK counts (Gatling's global counts when there are several request
 * names). Gatling 3.15.1 has no assertion path over several groups, hence one assertion per request name.
 *
 * <p>Rounding: Gatling keeps whole milliseconds and whole counts, so a threshold becomes the whole-number one that
 * means the same for whole-number values: {@code <12.5} becomes {@code <13} (i.e. at most 12), {@code <=12.5}
 * {@code <=12}, {@code >12.5} {@code >12}, {@code >=12.5} {@code >=13}; {@code ==12.5} cannot hold and is left
 * unmapped. What remains different is the value compared: Gatling's is computed from records each rounded to the
 * millisecond (percentiles estimated), ours from exact nanoseconds, so a figure within about 1 ms of its threshold
 * may pass one judge and fail the other.
 */
final class GatlingAssertionMapping {
  private static final Pattern LATENCY =
      Pattern.compile("(mean|median|std|p([0-9]+(?:\\.[0-9]+)?))_(ttft|tpot|itl|e2el)_ms");

  private GatlingAssertionMapping() {}

  static GatlingEquivalents map(List<SummaryCheck> checks, List<String> requestNames) {
    if (requestNames.isEmpty()) {
      throw new IllegalArgumentException("Gatling equivalents of SLO checks need the request names they apply to");
    }
    for (String name : requestNames) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("Invalid request name '" + name + "': the name of an LLM request");
      }
    }
    List<Assertion> assertions = new ArrayList<>();
    List<SummaryCheck> unmapped = new ArrayList<>();
    for (SummaryCheck check : checks) {
      List<Assertion> mapped = map(check, requestNames);
      if (mapped.isEmpty()) {
        unmapped.add(check);
      }
      assertions.addAll(mapped);
    }
    return new GatlingEquivalents(assertions, unmapped);
  }

  private static List<Assertion> map(SummaryCheck check, List<String> names) {
    Matcher latency = LATENCY.matcher(check.key());
    if (latency.matches()) {
      return latency(check, latency.group(1), latency.group(3), names);
    }
    return switch (check.key()) {
      case "failed" -> counts(check, names, true);
      case "completed" -> counts(check, names, false);
      case "failed_ratio" -> failedPercent(check, names);
      default -> List.of();
    };
  }

  private static List<Assertion> latency(SummaryCheck check, String stat, String metric, List<String> names) {
    OptionalLong bound = wholeBound(check.operator(), check.threshold());
    if (bound.isEmpty() || bound.getAsLong() > Integer.MAX_VALUE || bound.getAsLong() < Integer.MIN_VALUE) {
      return List.of();
    }
    int millis = (int) bound.getAsLong();
    List<Assertion> out = new ArrayList<>();
    for (String name : names) {
      Assertion.WithPathAndTimeMetric time = details(row(name, metric)).responseTime();
      Assertion.WithPathAndTarget<Integer> target =
          switch (stat) {
            case "mean" -> time.mean();
            case "median" -> time.percentile(50);
            case "std" -> time.stdDev();
            default -> time.percentile(Double.parseDouble(stat.substring(1)));
          };
      out.add(compare(target, check.operator(), millis));
    }
    return out;
  }

  /** The Gatling row of a latency metric: the request's own for e2el, else its timing's group record. */
  private static String row(String name, String metric) {
    return metric.equals("e2el") ? name : LlmTiming.valueOf(metric.toUpperCase(Locale.ROOT)).recordName(name);
  }

  private static List<Assertion> counts(SummaryCheck check, List<String> names, boolean failed) {
    OptionalLong bound = wholeBound(check.operator(), check.threshold());
    if (bound.isEmpty()) {
      return List.of();
    }
    Assertion.WithPath path = names.size() == 1 ? details(names.get(0)) : global();
    Assertion.WithPathAndCountMetric metric = failed ? path.failedRequests() : path.successfulRequests();
    return List.of(compare(metric.count(), check.operator(), bound.getAsLong()));
  }

  /** failed_ratio (0 to 1) as Gatling's KO percentage (0 to 100), a double: no rounding. */
  private static List<Assertion> failedPercent(SummaryCheck check, List<String> names) {
    Assertion.WithPath path = names.size() == 1 ? details(names.get(0)) : global();
    return List.of(compare(path.failedRequests().percent(), check.operator(), check.threshold() * 100));
  }

  /**
   * The whole-number threshold that, with the same operator, holds for exactly the whole numbers the given one holds
   * for; empty for an equality no whole number meets.
   */
  static OptionalLong wholeBound(SummaryCheck.Operator operator, double threshold) {
    return switch (operator) {
      case LT, GE -> OptionalLong.of((long) Math.ceil(threshold));
      case LE, GT -> OptionalLong.of((long) Math.floor(threshold));
      case EQ -> threshold == Math.rint(threshold) ? OptionalLong.of((long) threshold) : OptionalLong.empty();
    };
  }

  private static <T extends Number> Assertion compare(
      Assertion.WithPathAndTarget<T> target, SummaryCheck.Operator operator, T value) {
    return switch (operator) {
      case LT -> target.lt(value);
      case LE -> target.lte(value);
      case GT -> target.gt(value);
      case GE -> target.gte(value);
      case EQ -> target.is(value);
    };
  }
}
