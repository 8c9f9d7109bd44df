package dev.kafkarest.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Record values and request bodies, and the small scanners that check responses without a JSON tree.
 *
 * <p>Every value is {@value #VALUE_SIZE} bytes. Values written by the benchmark's own native producers
 * carry a sequence number (bytes 0-7) or a send time (bytes 0-7) and a sequence number (bytes 8-15),
 * followed by a filler derived from the sequence number, so a reader can check each record it gets.
 */
final class Payloads {
  static final int VALUE_SIZE = 100;
  static final String BINARY_TYPE = "application/vnd.kafka.binary.v2+json";
  static final String JSON_TYPE = "application/vnd.kafka.json.v2+json";
  static final String V2_TYPE = "application/vnd.kafka.v2+json";

  private static final byte[] VALUE_KEY = "\"value\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ERROR_CODE_KEY = "\"error_code\":".getBytes(StandardCharsets.US_ASCII);
  /** Base64 digit values by byte ({@code & 0xff}); -1 for a byte that is not a digit. */
  private static final int[] BASE64 = new int[256];

  static {
    java.util.Arrays.fill(BASE64, -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      BASE64[alphabet.charAt(i)] = i;
    }
  }

  private Payloads() {}

  /** {@return a value holding {@code seq} in bytes 0-7 and a filler derived from it} */
  static byte[] sequencedValue(long seq) {
    byte[] value = new byte[VALUE_SIZE];
    ByteBuffer.wrap(value).putLong(seq);
    for (int i = 8; i < VALUE_SIZE; i++) {
      value[i] = filler(seq, i);
    }
    return value;
  }

  /** {@return a value holding a send time in bytes 0-7 and {@code seq} in bytes 8-15} */
  static byte[] timedValue(long sendNanos, long seq) {
    byte[] value = new byte[VALUE_SIZE];
    ByteBuffer.wrap(value).putLong(sendNanos).putLong(seq);
    for (int i = 16; i < VALUE_SIZE; i++) {
      value[i] = filler(seq, i);
    }
    return value;
  }

  static byte filler(long seq, int index) {
    return (byte) (seq * 31 + index * 7);
  }

  /** {@return the sequence number of a {@link #sequencedValue}, or -1 when the value is not one} */
  static long checkSequencedValue(byte[] value, int length) {
    if (length != VALUE_SIZE) {
      return -1;
    }
    long seq = ByteBuffer.wrap(value).getLong(0);
    for (int i = 8; i < VALUE_SIZE; i++) {
      if (value[i] != filler(seq, i)) {
        return -1;
      }
    }
    return seq;
  }

  /** {@return a produce body of {@code count} binary records, each a distinct 100-byte value} */
  static byte[] binaryProduceBody(int count) {
    StringBuilder body = new StringBuilder(count * 160).append("{\"records\":[");
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append("{\"value\":\"").append(Base64.getEncoder().encodeToString(sequencedValue(i))).append("\"}");
    }
    return body.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** {@return a JSON value whose compact form is exactly 100 bytes} */
  static String jsonValue(int i) {
    String head = "{\"id\":" + i + ",\"sensor\":\"bench-" + (i % 97) + "\",\"temp\":21.5,\"ok\":true,\"note\":\"";
    String tail = "\"}";
    return head + "x".repeat(VALUE_SIZE - head.length() - tail.length()) + tail;
  }

  /** {@return a produce body of {@code count} JSON records, each a 100-byte object} */
  static byte[] jsonProduceBody(int count) {
    StringBuilder body = new StringBuilder(count * 120).append("{\"records\":[");
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append("{\"value\":").append(jsonValue(i)).append('}');
    }
    return body.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Counts the per-record outcomes of a produce response.
   *
   * @return {@code [entries, errors]}: entries is the number of {@code error_code} fields, errors the
   *     number whose value is not {@code null}
   */
  static int[] produceOutcomes(byte[] body, int length) {
    int entries = 0;
    int errors = 0;
    int from = 0;
    while ((from = indexOf(body, length, ERROR_CODE_KEY, from)) >= 0) {
      from += ERROR_CODE_KEY.length;
      while (from < length && body[from] == ' ') {
        from++;
      }
      entries++;
      if (from < length && body[from] != 'n') {
        errors++;
      }
    }
    return new int[] {entries, errors};
  }

  /** Receives the records of a binary records response. */
  interface RecordSink {
    /** A record whose value is {@code value[0..length)}, or {@code length == -1} for a null value. */
    void record(byte[] value, int length);
  }

  /**
   * Walks a binary-format records response ({@code [{"topic":..,"key":..,"value":"base64",..}, ..]}),
   * decoding each value into a reused buffer. {@return the number of records}
   */
  static int scanBinaryRecords(byte[] body, int length, RecordSink sink) {
    byte[] decoded = new byte[256];
    int records = 0;
    int from = 0;
    while ((from = indexOf(body, length, VALUE_KEY, from)) >= 0) {
      from += VALUE_KEY.length;
      while (from < length && body[from] == ' ') {
        from++;
      }
      records++;
      if (body[from] == 'n') {
        sink.record(decoded, -1);
        continue;
      }
      int start = from + 1;
      int end = start;
      while (body[end] != '"') {
        end++;
      }
      int maxOut = (end - start) / 4 * 3;
      if (maxOut > decoded.length) {
        decoded = new byte[maxOut];
      }
      sink.record(decoded, decodeBase64(body, start, end, decoded));
      from = end + 1;
    }
    return records;
  }

  /**
   * Decodes standard padded base64 from {@code src[start..end)} into {@code dst}, four digits at a time (the load
   * generator must not be what limits a drain); {@return bytes written}
   */
  static int decodeBase64(byte[] src, int start, int end, byte[] dst) {
    int digits = end;
    while (digits > start && src[digits - 1] == '=') {
      digits--;
    }
    int out = 0;
    int i = start;
    for (int whole = start + (digits - start) / 4 * 4; i < whole; i += 4) {
      // A byte that is not a digit is -1, which makes the whole group negative.
      int group = BASE64[src[i] & 0xff] << 18 | BASE64[src[i + 1] & 0xff] << 12 | BASE64[src[i + 2] & 0xff] << 6
          | BASE64[src[i + 3] & 0xff];
      if (group < 0) {
        throw new IllegalArgumentException("Not base64 at offset " + i);
      }
      dst[out++] = (byte) (group >> 16);
      dst[out++] = (byte) (group >> 8);
      dst[out++] = (byte) group;
    }
    int bits = 0;
    int buffered = 0;
    for (; i < digits; i++) {
      int v = BASE64[src[i] & 0xff];
      if (v < 0) {
        throw new IllegalArgumentException("Not base64 at offset " + i);
      }
      bits = (bits << 6) | v;
      buffered += 6;
      if (buffered >= 8) {
        buffered -= 8;
        dst[out++] = (byte) (bits >> buffered);
      }
    }
    return out;
  }

  /**
   * {@return where {@code needle} (at least two bytes) starts in {@code haystack[from..length)}, or -1}; it looks for
   *     the needle's second byte first, since the first of a JSON key, a quote, is everywhere
   */
  static int indexOf(byte[] haystack, int length, byte[] needle, int from) {
    byte second = needle[1];
    int last = length - needle.length;
    outer:
    for (int i = from; i <= last; i++) {
      if (haystack[i + 1] != second) {
        continue;
      }
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
