package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected values are what Python 3 prints for the same calls. */
class PythonFormatTest {

  @Test
  void fixed2RoundsTheBinaryValueHalfEven() {
    assertEquals("0.12", PythonFormat.fixed2(0.125)); // exactly 0.125: half-even keeps 2
    assertEquals("0.38", PythonFormat.fixed2(0.375)); // exactly 0.375: half-even goes to 8
    assertEquals("2.67", PythonFormat.fixed2(2.675)); // 2.67499999999999982236431605997495353221893310546875
    assertEquals("0.91", PythonFormat.fixed2(0.905)); // 0.90500000000000002664535259100375697016716003417969
    assertEquals("3.97", PythonFormat.fixed2(3.9699999999999998));
    assertEquals("0.00", PythonFormat.fixed2(0));
    assertEquals("-0.00", PythonFormat.fixed2(-0.001));
    assertEquals("-1.50", PythonFormat.fixed2(-1.5));
    assertEquals("100000000000000000000.00", PythonFormat.fixed2(1e20));
    assertEquals("inf", PythonFormat.fixed2(Double.POSITIVE_INFINITY));
    assertEquals("nan", PythonFormat.fixed2(Double.NaN));
  }

  @Test
  void centerPutsTheOddFillCharacterOnTheRight() {
    // '{s:{c}^{n}}'.format(s='x', n=4, c='-') == '-x--'
    assertEquals("-x--", PythonFormat.center("x", 4, '-'));
    assertEquals("--ab--", PythonFormat.center("ab", 6, '-'));
    assertEquals("toolong", PythonFormat.center("toolong", 3, '-'));
  }

  @Test
  void percentileWordsAreIntegersWhenWhole() {
    assertEquals("99", PythonFormat.percentileWord(99.0));
    assertEquals("99.9", PythonFormat.percentileWord(99.9));
    assertEquals("0", PythonFormat.percentileWord(0));
    assertEquals("99.99", PythonFormat.percentileWord(99.99));
    assertEquals("0.5", PythonFormat.percentileWord(0.5));
  }

  @Test
  void padRightNeverCuts() {
    assertEquals("ab  ", PythonFormat.padRight("ab", 4));
    assertEquals("abcdef", PythonFormat.padRight("abcdef", 4));
  }

  /** Expected values are Python 3's {@code repr(float)}. */
  @Test
  void reprIsPythonsShortestRoundTrip() {
    assertEquals("0.25", PythonFormat.repr(0.25));
    assertEquals("3.0", PythonFormat.repr(3.0));
    assertEquals("-2.5", PythonFormat.repr(-2.5));
    assertEquals("0.0", PythonFormat.repr(0.0));
    assertEquals("-0.0", PythonFormat.repr(-0.0));
    assertEquals("0.30000000000000004", PythonFormat.repr(0.1 + 0.2));
    assertEquals("1795459193.553051", PythonFormat.repr(1795459193.553051));
    assertEquals("1700000000.0", PythonFormat.repr(1.7e9));
    assertEquals("0.0001", PythonFormat.repr(1e-4));
    assertEquals("1e-05", PythonFormat.repr(1e-5));
    assertEquals("1.5e-07", PythonFormat.repr(1.5e-7));
    assertEquals("1234567890123456.8", PythonFormat.repr(1234567890123456.8));
    assertEquals("1e+16", PythonFormat.repr(1e16));
    assertEquals("1.5e+16", PythonFormat.repr(1.5e16));
    assertEquals("nan", PythonFormat.repr(Double.NaN));
    assertEquals("inf", PythonFormat.repr(Double.POSITIVE_INFINITY));
  }

  @Test
  void fixedRoundsTheExactBinaryValueHalfEven() {
    assertEquals("0.0513", PythonFormat.fixed(0.05135, 4)); // 0.05135 is 0.051349999... in binary
    assertEquals("4.0000", PythonFormat.fixed(4, 4));
    assertEquals("nan", PythonFormat.fixed(Double.NaN, 4));
  }
}
