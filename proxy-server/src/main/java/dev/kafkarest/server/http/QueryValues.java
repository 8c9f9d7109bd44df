package dev.kafkarest.server.http;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import org.jspecify.annotations.Nullable;

/**
 * Parses numeric query parameters with a clear 400 naming the parameter, rather than JAX-RS's bare 404
 * for a value that does not convert.
 */
public final class QueryValues {
  private QueryValues() {}

  /**
   * {@return the value of a numeric parameter, or {@code absent} when it is missing or empty}
   *
   * @throws ProxyException 400 naming the parameter when the value is not a whole number
   */
  public static long longValue(String name, @Nullable String value, long absent) {
    if (value == null || value.isBlank()) {
      return absent;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new ProxyException(ErrorCode.BAD_REQUEST, "Query parameter " + name + " must be a whole number, not '"
          + value + "'.");
    }
  }

  /**
   * {@return the value of a count parameter, or {@code absent} when it is missing or empty}
   *
   * @throws ProxyException 400 naming the parameter when the value is not a whole number from 1 to {@code
   *     max}
   */
  public static int count(String name, @Nullable String value, int absent, int max) {
    long count = longValue(name, value, absent);
    if (count < 1 || count > max) {
      throw new ProxyException(ErrorCode.BAD_REQUEST, "Query parameter " + name + " must be from 1 to " + max
          + ", not " + count + ".");
    }
    return (int) count;
  }
}
