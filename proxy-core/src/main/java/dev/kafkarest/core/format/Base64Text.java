package dev.kafkarest.core.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
 * <p>The text is read once and the bytes are written straight into an array of the exact size. {@link #encode}
 * writes the standard, padded form straight into a caller's array.
 */
public final class Base64Text {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  /** Each ASCII character's 6-bit value, or -1 for characters outside the alphabet. */
  private static final byte[] VALUES = new byte[128];
  /** Each 6-bit value's ASCII character. */
  private static final byte[] DIGITS = ALPHABET.getBytes(StandardCharsets.US_ASCII);
  /** Each 12-bit value's two characters, the first in the low byte (stored little-endian, it comes first). */
  private static final short[] PAIRS = new short[4096];
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle BIG_ENDIAN_LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  static {
    Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      VALUES[ALPHABET.charAt(i)] = (byte) i;
    }
    for (int i = 0; i < PAIRS.length; i++) {
      PAIRS[i] = (short) (DIGITS[i >>> 6] | DIGITS[i & 0x3f] << 8);
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

  /** {@return the length of the padded base64 text of {@code length} bytes} */
  public static int encodedLength(int length) {
    return (length + 2) / 3 * 4;
  }

  /**
   * Writes {@code source[from, to)} as padded base64 text (the standard alphabet) into {@code target} at {@code
   * at}, which must have room for {@link #encodedLength} of {@code to - from} bytes. Padding is written only for a
   * last group of fewer than 3 bytes, so a caller may encode a long array in slices of whole groups.
   *
   * @return the index in {@code target} after the text
   */
  public static int encode(byte[] source, int from, int to, byte[] target, int at) {
    int in = from;
    int out = at;
    int groupsEnd = to - (to - from) % 3;
    // Two groups at a time: 6 bytes in (one 8-byte load while 8 remain), 8 characters out in one store, each 12
    // bits through one table look-up.
    for (int loadsEnd = Math.min(groupsEnd - 5, to - 7); in < loadsEnd; in += 6) {
      long bytes = (long) BIG_ENDIAN_LONGS.get(source, in);
      LONGS.set(target, out, pairs((int) (bytes >>> 40)) | pairs((int) (bytes >>> 16) & 0xffffff) << 32);
      out += 8;
    }
    for (int pairsEnd = groupsEnd - 5; in < pairsEnd; in += 6) {
      int first = (source[in] & 0xff) << 16 | (source[in + 1] & 0xff) << 8 | (source[in + 2] & 0xff);
      int second = (source[in + 3] & 0xff) << 16 | (source[in + 4] & 0xff) << 8 | (source[in + 5] & 0xff);
      LONGS.set(target, out, pairs(first) | pairs(second) << 32);
      out += 8;
    }
    if (in < groupsEnd) {
      int bits = (source[in] & 0xff) << 16 | (source[in + 1] & 0xff) << 8 | (source[in + 2] & 0xff);
      INTS.set(target, out, (int) pairs(bits));
      in += 3;
      out += 4;
    }
    int tail = to - in;
    if (tail > 0) {
      int bits = (source[in] & 0xff) << 16 | (tail == 2 ? (source[in + 1] & 0xff) << 8 : 0);
      target[out] = DIGITS[bits >>> 18];
      target[out + 1] = DIGITS[(bits >>> 12) & 0x3f];
      target[out + 2] = tail == 2 ? DIGITS[(bits >>> 6) & 0x3f] : (byte) '=';
      target[out + 3] = '=';
      out += 4;
    }
    return out;
  }

  /** {@return the 4 characters of a 24-bit group, the first in the lowest byte} */
  private static long pairs(int group) {
    return (PAIRS[group >>> 12] & 0xffffL) | (PAIRS[group & 0xfff] & 0xffffL) << 16;
  }

  private static int value(char c) {
    return c < 128 ? VALUES[c] : -1;
  }
}
