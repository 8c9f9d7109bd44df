package dev.kafkarest.core.format;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Decodes base64 text as Confluent's proxy does (Guava's {@code BaseEncoding.base64().decode}): the
 * standard alphabet only, and nothing else anywhere in the text (no whitespace or line breaks, no
 * URL-safe {@code -} or {@code _}, no data after the padding). Padding is optional: any run of {@code =}
 * at the end is ignored, and what precedes it must be a whole number of 4-character groups plus 0, 2 or
 * 3 characters. Unused low bits of the last group are ignored. This is {@link java.util.Base64#getDecoder()}
 * except for the padding, where that decoder insists on exactly the right number of {@code =}.
 *
 * <p>The text is read once and the bytes are written straight into an array of the exact size.
 */
final class Base64Text {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  /** Each ASCII character's 6-bit value, or -1 for characters outside the alphabet. */
  private static final byte[] VALUES = new byte[128];

  static {
    Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      VALUES[ALPHABET.charAt(i)] = (byte) i;
    }
  }

  private Base64Text() {}

  /** {@return the bytes {@code text} encodes, or null when it is not valid base64 as described on the class} */
  static byte @Nullable [] decode(char[] text, int offset, int length) {
    int end = offset + length;
    while (end > offset && text[end - 1] == '=') {
      end--;
    }
    int tail = (end - offset) & 3;
    if (tail == 1) {
      return null;
    }
    byte[] bytes = new byte[(end - offset) / 4 * 3 + (tail == 0 ? 0 : tail - 1)];
    int in = offset;
    int out = 0;
    for (int groupsEnd = end - tail; in < groupsEnd; in += 4) {
      int bits = value(text[in]) << 18 | value(text[in + 1]) << 12 | value(text[in + 2]) << 6 | value(text[in + 3]);
      if (bits < 0) {
        return null;
      }
      bytes[out++] = (byte) (bits >> 16);
      bytes[out++] = (byte) (bits >> 8);
      bytes[out++] = (byte) bits;
    }
    if (tail != 0) {
      int bits = value(text[in]) << 18 | value(text[in + 1]) << 12 | (tail == 3 ? value(text[in + 2]) << 6 : 0);
      if (bits < 0) {
        return null;
      }
      bytes[out++] = (byte) (bits >> 16);
      if (tail == 3) {
        bytes[out] = (byte) (bits >> 8);
      }
    }
    return bytes;
  }

  private static int value(char c) {
    return c < 128 ? VALUES[c] : -1;
  }
}
