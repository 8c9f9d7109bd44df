package dev.kafkarest.core.format;

import java.util.Random;

/**
 * Generates random JSON texts from a seed: nested objects and arrays, random whitespace, numbers in every
 * JSON spelling (negative zero, exponents, long fractions, big integers) and strings with escapes,
 * non-ASCII characters, surrogate pairs and lone surrogates.
 */
final class RandomJson {
  private static final String[] ESCAPES = {"\\n", "\\t", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\r",
      "\\u0000", "\\u001f", "\\u007F", "\\u00e9", "\\u2028", "\\uD83D\\uDE00", "\\udbff\\udfff", "\\ud800", "\\uDC00"};
  private static final String[] RAW = {"a", "Z", "0", " ", "'", "\u00e9", "\u20ac", "\u007f", "\u2028",
      "\uD83D\uDE00", "\uFFFF"};

  private final Random random;

  RandomJson(long seed) {
    this.random = new Random(seed);
  }

  /** {@return a JSON value nested at most {@code depth} containers deep} */
  String value(int depth) {
    int kind = random.nextInt(depth > 0 ? 8 : 6);
    return switch (kind) {
      case 0, 1 -> number();
      case 2 -> string();
      case 3 -> "true";
      case 4 -> random.nextBoolean() ? "false" : "null";
      case 5 -> integer();
      case 6 -> array(depth - 1);
      default -> object(depth - 1);
    };
  }

  private String array(int depth) {
    StringBuilder json = new StringBuilder("[").append(space());
    int size = random.nextInt(5);
    for (int i = 0; i < size; i++) {
      json.append(i > 0 ? "," + space() : "").append(value(depth)).append(space());
    }
    return json.append(']').toString();
  }

  private String object(int depth) {
    StringBuilder json = new StringBuilder("{").append(space());
    int size = random.nextInt(5);
    for (int i = 0; i < size; i++) {
      json.append(i > 0 ? "," + space() : "").append(string()).append(space()).append(':').append(space())
          .append(value(depth)).append(space());
    }
    return json.append('}').toString();
  }

  private String number() {
    String number = integer();
    if (random.nextInt(3) > 0) {
      String fraction = "0".repeat(random.nextInt(9)) + digits(random.nextInt(8));
      number += "." + (fraction.isEmpty() ? "0" : fraction);
    }
    if (random.nextInt(3) == 0) {
      number += (random.nextBoolean() ? "e" : "E") + new String[] {"", "+", "-"}[random.nextInt(3)]
          + (random.nextInt(4) == 0 ? "0" : "") + random.nextInt(500);
    }
    return number;
  }

  private String integer() {
    String sign = random.nextInt(3) == 0 ? "-" : "";
    if (random.nextInt(4) == 0) {
      return sign + "0";
    }
    return sign + (1 + random.nextInt(9)) + digits(random.nextInt(random.nextInt(6) == 0 ? 40 : 10));
  }

  private String digits(int count) {
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < count; i++) {
      digits.append((char) ('0' + random.nextInt(10)));
    }
    return digits.toString();
  }

  private String string() {
    StringBuilder json = new StringBuilder("\"");
    int length = random.nextInt(8);
    for (int i = 0; i < length; i++) {
      json.append(random.nextBoolean() ? ESCAPES[random.nextInt(ESCAPES.length)] : RAW[random.nextInt(RAW.length)]);
    }
    return json.append('"').toString();
  }

  private String space() {
    return switch (random.nextInt(6)) {
      case 0 -> " ";
      case 1 -> "\n  ";
      default -> "";
    };
  }
}
