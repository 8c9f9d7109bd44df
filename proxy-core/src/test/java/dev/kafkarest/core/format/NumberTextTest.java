package dev.kafkarest.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumberTextTest {

  @ParameterizedTest
  @ValueSource(strings = {"0", "7", "-1", "42", "2147483648", "-9223372036854775809",
      "123456789012345678901234567890"})
  void isCanonicalInteger_plainInteger_true(String text) {
    assertTrue(isCanonicalInteger(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0", "00", "007", "-", "", "+1", "1.0", "1e5", "1a"})
  void isCanonicalInteger_normalisedOrNotAnInteger_false(String text) {
    assertFalse(isCanonicalInteger(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.10", "-0.5", "0.0", "0.000000", "0.000001", "-0.000001", "10.50",
      "3.141592653589793238462643383279", "12345678901234567890.000"})
  void isCanonicalDecimal_plainDecimal_true(String text) {
    assertTrue(isCanonicalDecimal(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0.0", "-0.000", "0.0000000", "0.0000001", "-0.00000012", "1e400", "1E+400", "1.5e3",
      "12e-1", "0e0", "1", "-1", "1.", ".5", "01.5", "00.5", "-", "", "+1.5", "1.2.3", "NaN", "1.5f"})
  void isCanonicalDecimal_normalisedOrNotPlain_false(String text) {
    assertFalse(isCanonicalDecimal(text));
  }

  /**
   * For JSON integers and plain decimals the checks are exact: true exactly when Jackson's exact copy
   * (BigInteger/BigDecimal toString) gives the text back. With an exponent they are always false.
   */
  @Test
  void checks_randomJsonNumbers_agreeWithBigIntegerAndBigDecimal() {
    Random random = new Random(20260601L);
    for (int i = 0; i < 200_000; i++) {
      String integer = randomInteger(random);
      assertEquals(integer.equals(new BigInteger(integer).toString()), isCanonicalInteger(integer), integer);

      String decimal = integer + "." + randomDigits(random, 1 + random.nextInt(12), random.nextInt(9));
      assertEquals(decimal.equals(new BigDecimal(decimal).toString()), isCanonicalDecimal(decimal), decimal);

      String exponent = (random.nextBoolean() ? integer : decimal) + (random.nextBoolean() ? "e" : "E")
          + new String[] {"", "+", "-"}[random.nextInt(3)] + (1 + random.nextInt(400));
      assertFalse(isCanonicalDecimal(exponent), exponent);
    }
  }

  private static String randomInteger(Random random) {
    String sign = random.nextInt(4) == 0 ? "-" : "";
    if (random.nextInt(4) == 0) {
      return sign + "0";
    }
    return sign + (1 + random.nextInt(9)) + randomDigits(random, random.nextInt(25), 0);
  }

  /** Digits, the first {@code leadingZeros} of them (at most all) zero. */
  private static String randomDigits(Random random, int length, int leadingZeros) {
    StringBuilder digits = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      digits.append(i < leadingZeros ? '0' : (char) ('0' + random.nextInt(10)));
    }
    return digits.toString();
  }

  private static boolean isCanonicalInteger(String text) {
    char[] padded = ("x" + text + "y").toCharArray();
    return NumberText.isCanonicalInteger(padded, 1, text.length());
  }

  private static boolean isCanonicalDecimal(String text) {
    char[] padded = ("x" + text + "y").toCharArray();
    return NumberText.isCanonicalDecimal(padded, 1, text.length());
  }
}
