package dev.kafkarest.core.format;

/**
 * Tells whether a JSON number's text is already in the form Jackson's exact copy writes, so it can be
 * copied as text instead of being parsed. Jackson writes an integer as {@link java.math.BigInteger#toString()}
 * and a number with a fraction or exponent as {@link java.math.BigDecimal#toString()}; both normalise
 * some spellings ({@code -0} becomes {@code 0}, {@code 1e400} becomes {@code 1E+400}, {@code 0.0000001}
 * becomes {@code 1E-7}). The checks accept only text that is known to come back unchanged; anything else
 * must take the slow, parsing path.
 */
final class NumberText {
  /** {@link java.math.BigDecimal#toString()} switches to exponent notation below this adjusted exponent. */
  private static final int MIN_PLAIN_EXPONENT = -6;

  private NumberText() {}

  /**
   * Returns whether {@code text} is an integer as {@link java.math.BigInteger#toString()} spells it: an
   * optional minus, then {@code 0} or digits without a leading zero, and not {@code -0}.
   */
  static boolean isCanonicalInteger(char[] text, int offset, int length) {
    int end = offset + length;
    int i = offset;
    if (i < end && text[i] == '-') {
      i++;
    }
    if (i == end) {
      return false;
    }
    if (text[i] == '0') {
      return i + 1 == end && i == offset;
    }
    return allDigits(text, i, end);
  }

  /**
   * Returns whether {@code text} is a decimal as {@link java.math.BigDecimal#toString()} spells it in
   * plain notation: an optional minus, an integer part without a leading zero, a point and at least one
   * digit, no exponent; a value below 1 has at most five zeros after the point before its first
   * significant digit, and a zero is not negative and has at most six fraction digits.
   */
  static boolean isCanonicalDecimal(char[] text, int offset, int length) {
    int end = offset + length;
    int i = offset;
    boolean negative = i < end && text[i] == '-';
    if (negative) {
      i++;
    }
    int point = i;
    while (point < end && isDigit(text[point])) {
      point++;
    }
    if (point == i || point == end || text[point] != '.' || point + 1 == end || !allDigits(text, point + 1, end)) {
      return false;
    }
    if (text[i] != '0') {
      return true;
    }
    if (point != i + 1) {
      return false;
    }
    int firstSignificant = point + 1;
    while (firstSignificant < end && text[firstSignificant] == '0') {
      firstSignificant++;
    }
    int fractionDigits = end - point - 1;
    if (firstSignificant == end) {
      return !negative && -fractionDigits >= MIN_PLAIN_EXPONENT;
    }
    return point - firstSignificant >= MIN_PLAIN_EXPONENT;
  }

  private static boolean allDigits(char[] text, int from, int end) {
    for (int i = from; i < end; i++) {
      if (!isDigit(text[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
