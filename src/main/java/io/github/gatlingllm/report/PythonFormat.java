package io.github.gatlingllm.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The few Python formatting rules vLLM's output depends on, reproduced exactly so our text matches theirs byte for
 * byte. Java's {@code %.2f} rounds the shortest decimal string half-up (2.675 becomes "2.68"); Python rounds the exact
 * binary value half-even (2.675 is 2.67499999... and becomes "2.67").
 */
public final class PythonFormat {
  private PythonFormat() {}

  /** Python's {@code format(v, '.2f')}. */
  public static String fixed2(double v) {
    return fixed(v, 2);
  }

  /** Python's {@code format(v, '.<digits>f')}. */
  public static String fixed(double v, int digits) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    // new BigDecimal(double) is the exact binary value: rounding it half-even is Python's correctly rounded result.
    String text = new BigDecimal(v).abs().setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    boolean negative = v < 0 || (v == 0 && 1 / v < 0); // Python keeps the sign: -0.001 -> "-0.00"
    return negative ? "-" + text : text;
  }

  /**
   * Python's {@code repr(v)} of a float (also how pandas writes floats to CSV): the shortest digits that read back as
   * {@code v}, plain between 1e-4 and 1e16 ({@code 0.25}, {@code 1763912345.678}, {@code 3.0}), else scientific
   * ({@code 1e-05}, {@code 1.5e+16}).
   */
  public static String repr(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0.0" : "0.0";
    }
    // Double.toString gives the shortest digits that round-trip (Java and Python agree on them).
    BigDecimal shortest = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    String digits = shortest.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - shortest.scale();
    String sign = v < 0 ? "-" : "";
    if (exponent >= -4 && exponent < 16) {
      String plain = shortest.abs().toPlainString();
      return sign + (plain.indexOf('.') >= 0 ? plain : plain + ".0");
    }
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String exp = String.format(java.util.Locale.ROOT, "%02d", Math.abs(exponent));
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
  }

  /** Python's {@code '{s:{c}^{n}}'.format(...)}: centred, the odd fill character goes to the right. */
  public static String center(String s, int width, char fill) {
    int pad = width - s.length();
    if (pad <= 0) {
      return s;
    }
    int left = pad / 2;
    return String.valueOf(fill).repeat(left) + s + String.valueOf(fill).repeat(pad - left);
  }

  /** Python's {@code '{:<n}'.format(s)}: left-aligned, padded with spaces, never cut. */
  public static String padRight(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  /**
   * How vLLM writes a percentile in labels and keys: {@code str(int(p)) if int(p) == p else str(p)}, so 99 gives
   * "99" and 99.9 gives "99.9".
   */
  public static String percentileWord(double p) {
    if (p == Math.rint(p)) {
      return Long.toString((long) p);
    }
    return BigDecimal.valueOf(p).stripTrailingZeros().toPlainString();
  }
}
