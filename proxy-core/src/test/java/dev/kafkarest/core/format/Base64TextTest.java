package dev.kafkarest.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base64TextTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "YQ==|a", "YWI=|ab", "YWJj|abc", "YWJjZA==|abcd", "aGVsbG8=|hello",
      "YQ|a", "YWI|ab", "aGVsbG8|hello",
      // Confluent's decoder drops any run of trailing padding, so too little or too much is fine.
      "YQ=|a", "YQ===|a", "YWI==|ab", "YWJj=|abc", "YWJj====|abc",
      // Unused low bits of the last group are ignored, as by every common decoder.
      "YR==|a", "YWJ=|ab"})
  void decode_validBase64_returnsBytes(String text, String expected) {
    assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), decode(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "=", "===="})
  void decode_emptyOrOnlyPadding_returnsNoBytes(String text) {
    assertArrayEquals(new byte[0], decode(text));
  }

  @Test
  void decode_standardAlphabetAndEveryByte_roundTrips() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    String encoded = Base64.getEncoder().encodeToString(all);

    assertArrayEquals(all, decode(encoded));
    assertArrayEquals(all, decode(encoded.replace("=", "")));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // whitespace and line breaks, anywhere (MIME line breaks included)
      " YQ==", "YQ== ", "YQ ==", "Y Q==", "YQ==\n", "\tYWJj", "YWJj YWJj", "YWJj\r\nYWJj", "YW\nJj",
      // data after the padding, padding inside
      "YQ==YQ==", "YQ==YWJj", "YQ=A", "YW=j", "=YWJj", "YWJj=YWJj", "YQ==x",
      // one character too many for a whole byte
      "Y", "YWJjZ", "YWJjZ=", "YWJjZ===", "Y===",
      // outside the standard alphabet: URL-safe, punctuation, control and non-ASCII characters
      "-_8=", "a-b_", "YQ=$", "YW*j", "YWJj\u0000", "\u00e9", "YWJj\u00e9", "Y\u0100==", "YQ\uFF1D="})
  void decode_invalidBase64_returnsNull(String text) {
    assertNull(decode(text));
  }

  @Test
  void decode_slice_readsOnlyTheSlice() {
    char[] buffer = "xx YWJj==  ".toCharArray();

    assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), Base64Text.decode(buffer, 3, 6));
  }

  /**
   * Pins the rule on random text: exactly what {@link Base64#getDecoder()} decodes once trailing
   * {@code =} are dropped and the right padding is put back.
   */
  @Test
  void decode_randomText_matchesStrictDecoderAfterRepadding() {
    char[] chars = "AQgz09+/=  =-_\n\u00e9".toCharArray();
    Random random = new Random(20261130L);
    int valid = 0;
    for (int i = 0; i < 50_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(14);
      for (int j = 0; j < length; j++) {
        text.append(random.nextInt(3) > 0 ? chars[random.nextInt(8)] : chars[random.nextInt(chars.length)]);
      }
      byte[] expected = strictAfterRepadding(text.toString());

      byte[] actual = decode(text.toString());

      if (expected == null) {
        assertNull(actual, () -> "'" + text + "'");
      } else {
        assertArrayEquals(expected, actual, () -> "'" + text + "'");
        valid++;
      }
    }
    assertTrue(valid > 5_000, "too few valid texts: " + valid);
  }

  @Test
  void decode_longText_decodesExactly() {
    byte[] data = new byte[100_003];
    new Random(7).nextBytes(data);

    assertArrayEquals(data, decode(Base64.getEncoder().withoutPadding().encodeToString(data)));
  }

  private static byte @Nullable [] strictAfterRepadding(String text) {
    String trimmed = text.replaceAll("=+$", "");
    try {
      return Base64.getDecoder().decode(trimmed + "=".repeat((4 - trimmed.length() % 4) % 4));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte @Nullable [] decode(String text) {
    return Base64Text.decode(text.toCharArray(), 0, text.length());
  }

  @Test
  void encode_everyLengthAndByte_matchesTheJdkEncoderAndRoundTrips() {
    Random random = new Random(3);
    for (int length = 0; length < 200; length++) {
      byte[] data = new byte[length];
      random.nextBytes(data);
      byte[] text = new byte[Base64Text.encodedLength(length) + 2];

      int end = Base64Text.encode(data, 0, length, text, 1);

      byte[] expected = Base64.getEncoder().encode(data);
      assertArrayEquals(expected, Arrays.copyOfRange(text, 1, end));
      assertArrayEquals(data, decode(new String(expected, StandardCharsets.US_ASCII)));
    }
  }
}
