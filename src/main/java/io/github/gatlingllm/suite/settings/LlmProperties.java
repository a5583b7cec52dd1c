package io.github.gatlingllm.suite.settings;

import io.github.gatlingllm.client.SafeUrl;
import io.github.gatlingllm.servermetrics.ServerMetricsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code llm.*} knobs of a ready simulation, read from system properties ({@code -Dllm.numPrompts=200}) and checked
 * up front: an unknown name or a malformed value stops the run at start with a message naming it and what is accepted,
 * rather than running an hour-long benchmark with a typo silently ignored.
 */
public final class LlmProperties {
  public static final String PREFIX = "llm.";
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

  private final Map<String, String> values;

  private LlmProperties(Map<String, String> values) {
    this.values = values;
  }

  /** The {@code llm.*} system properties, all of whose names must be in {@code known}. */
  public static LlmProperties fromSystemProperties(Collection<String> known) {
    return of(System.getProperties(), known);
  }

  public static LlmProperties of(Properties properties, Collection<String> known) {
    Map<String, String> values = new TreeMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith(PREFIX)) {
        values.put(name, properties.getProperty(name));
      }
    }
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      List<String> named = new ArrayList<>();
      for (String name : unknown) {
        named.add(closest(name, known).map(match -> name + " (did you mean " + match + "?)").orElse(name));
      }
      throw new IllegalArgumentException(
          "Unknown propert" + (unknown.size() == 1 ? "y " : "ies ") + String.join(", ", named)
              + ". Accepted: " + String.join(", ", new TreeSet<>(known)));
    }
    return new LlmProperties(values);
  }

  /** The known name within 3 edits of a misspelt one, if any (case-insensitive). */
  private static Optional<String> closest(String name, Collection<String> known) {
    String best = null;
    int bestDistance = 4;
    for (String candidate : known) {
      int d = editDistance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /**
   * {@code name}'s comma-separated http(s) URLs (e.g. {@code http://gpu-host:9400/metrics}), none when unset or blank.
   */
  public List<URI> urls(String name) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return List.of();
    }
    try {
      return ServerMetricsSettings.parseEndpoints(value.get());
    } catch (IllegalArgumentException e) {
      // Not the value as given, unlike other settings: URLs carry credentials (user:password@, ?token=).
      String shown = Arrays.stream(value.get().split(",", -1)).map(SafeUrl::mask).collect(Collectors.joining(","));
      throw invalid(name, shown, "comma-separated http(s) URLs such as http://gpu-host:9400/metrics");
    }
  }

  /**
   * {@code name} read by a parser of its own (e.g. goodput SLOs), empty when unset or blank; a value the parser refuses
   * is reported like every other setting's, naming the property, the value and {@code expected}.
   */
  public <T> Optional<T> parsed(String name, Function<String, T> parser, String expected) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parser.apply(value.get()));
    } catch (IllegalArgumentException e) {
      throw invalid(name, value.get(), expected);
    }
  }

  /** An integer of at least {@code min}, or empty when unset (the caller then derives it). */
  public OptionalInt optionalInteger(String name, int min) {
    return optional(name).isEmpty() ? OptionalInt.empty() : OptionalInt.of(integer(name, min, min));
  }

  /** A duration > 0, or empty when unset. */
  public Optional<Duration> optionalPositiveDuration(String name) {
    return optional(name).isEmpty() ? Optional.empty() : Optional.of(positiveDuration(name, null));
  }

  /** The value, trimmed, or empty when unset or blank. */
  public Optional<String> optional(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public String string(String name, String defaultValue) {
    return optional(name).orElse(defaultValue);
  }

  /** An integer of at least {@code min}. */
  public int integer(String name, int defaultValue, int min) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed >= min) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below with the expected form
    }
    throw invalid(name, value.get(), "an integer >= " + min);
  }

  /** A number of at least {@code min} (inclusive) or above it (exclusive). */
  public double number(String name, double defaultValue, double min, boolean minInclusive) {
    return number(name, defaultValue, min, minInclusive, Double.POSITIVE_INFINITY);
  }

  /** As {@link #number(String, double, double, boolean)}, and below {@code maxExclusive}. */
  public double number(String name, double defaultValue, double min, boolean minInclusive, double maxExclusive) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      double parsed = Double.parseDouble(value.get());
      if (Double.isFinite(parsed) && (minInclusive ? parsed >= min : parsed > min) && parsed < maxExclusive) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below with the expected form
    }
    throw invalid(name, value.get(), "a number " + (minInclusive ? ">= " : "> ") + format(min)
        + (maxExclusive == Double.POSITIVE_INFINITY ? "" : " and < " + format(maxExclusive)));
  }

  /** A request rate: {@code inf} (all at once, the default) or a number of requests per second > 0. */
  public double rate(String name) {
    Optional<String> value = optional(name);
    if (value.isEmpty() || value.get().equalsIgnoreCase("inf") || value.get().equalsIgnoreCase("infinity")) {
      return Double.POSITIVE_INFINITY;
    }
    try {
      double parsed = Double.parseDouble(value.get());
      if (Double.isFinite(parsed) && parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below with the expected form
    }
    throw invalid(name, value.get(), "'inf' or a number of requests per second > 0");
  }

  public boolean bool(String name, boolean defaultValue) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(name, value.get(), "true or false");
    };
  }

  /** One of {@code allowed}, compared exactly. */
  public String choice(String name, String defaultValue, List<String> allowed) {
    String value = string(name, defaultValue);
    if (!allowed.contains(value)) {
      throw invalid(name, value, "one of " + String.join(", ", allowed));
    }
    return value;
  }

  /** A comma-separated list of percentiles, each strictly between 0 and 100 (e.g. {@code 50,90,99,99.9}). */
  public double[] percentiles(String name, double... defaultValue) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    List<Double> parsed = new ArrayList<>();
    for (String part : value.get().split(",")) {
      try {
        double p = Double.parseDouble(part.trim());
        if (p > 0 && p < 100) {
          parsed.add(p);
          continue;
        }
      } catch (NumberFormatException e) {
        // reported below with the expected form
      }
      throw invalid(name, value.get(), "comma-separated percentiles between 0 and 100 (both excluded), e.g. 50,90,99");
    }
    return parsed.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * A duration: a number with a unit ({@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}) or a plain number of
   * seconds; {@code 0} disables the limit it sets.
   */
  public Duration duration(String name, Duration defaultValue) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    Matcher m = DURATION.matcher(value.get().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      double amount = Double.parseDouble(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      double millis =
          switch (unit) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            default -> amount * 3_600_000;
          };
      return Duration.ofNanos(Math.round(millis * 1_000_000));
    }
    throw invalid(name, value.get(), "a duration such as 500ms, 30s, 2m or 1h (0 disables)");
  }

  /** As {@link #duration}, but zero is refused: for periods, where "disabled" has no meaning. */
  public Duration positiveDuration(String name, Duration defaultValue) {
    Duration d = duration(name, defaultValue);
    if (d.isZero()) {
      throw invalid(name, optional(name).orElse("0"), "a duration > 0 such as 500ms, 1s or 2m");
    }
    return d;
  }

  /** The one wording of a refused value: the property, the value as given and what is accepted. */
  static IllegalArgumentException invalid(String name, String value, String expected) {
    return new IllegalArgumentException("Invalid value '" + value + "' for " + name + ": expected " + expected);
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
