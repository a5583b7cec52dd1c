package io.github.gatlingllm.report;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Gatling's "Cnt/s" column, reproduced for rows Gatling did not write. Gatling 3.15.1 divides every row's count by
 * the same whole number of seconds, {@code ceil((injectEnd - injectStart) / 1000)} over its records' timestamps, and
 * prints figures with {@code new DecimalFormat("###.##")} (English symbols, half-even rounding).
 *
 * <p>The timestamps are Gatling's, not the plugin's, so the divisor is recovered from the page: its run information
 * prints the same span rounded down to the second, {@code f}, so the divisor is {@code f + 1}, or {@code f} when the
 * span is a whole number of seconds; the "All Requests" row (count / divisor, as printed) tells which. Should the page
 * lack the run information, the divisor is the All Requests count over its printed rate, rounded.
 */
final class GatlingCountRate {
  private GatlingCountRate() {}

  /** A figure as Gatling's statistics table prints it. */
  static String format(double value) {
    return new DecimalFormat("###.##", DecimalFormatSymbols.getInstance(Locale.ENGLISH)).format(value);
  }

  /**
   * The seconds Gatling divided the counts by.
   *
   * @param floorSeconds the run's duration as the run information prints it (rounded down), if found
   * @param allRequests the All Requests count
   * @param shownRate the All Requests Cnt/s as printed
   */
  static long durationSeconds(OptionalLong floorSeconds, long allRequests, String shownRate) {
    if (floorSeconds.isPresent()) {
      long f = floorSeconds.getAsLong();
      // f + 1 unless only f reproduces the printed rate: a span of exactly f seconds is 1 in 1000
      boolean wholeSeconds = f > 0 && shows(allRequests, f, shownRate) && !shows(allRequests, f + 1, shownRate);
      return wholeSeconds ? f : f + 1;
    }
    try {
      double rate = Double.parseDouble(shownRate);
      return rate > 0 ? Math.max(1, Math.round(allRequests / rate)) : 1;
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** The rate Gatling prints for {@code count} events over {@code seconds}. */
  static String rate(long count, long seconds) {
    return format((double) count / seconds);
  }

  private static boolean shows(long count, long seconds, String shownRate) {
    return rate(count, seconds).equals(shownRate);
  }
}
