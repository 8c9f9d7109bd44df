package dev.kafkarest.server.exchange;

import dev.kafkarest.server.http.ErrorResponse;
import org.jspecify.annotations.Nullable;

/** Reads the {@code error_code} of a response entity that is the proxy's error envelope. */
final class ErrorEnvelopes {
  private static final String PREFIX = "{\"error_code\":";
  /** Confluent's codes have at most five digits; more is not an envelope of ours. */
  private static final int MAX_DIGITS = 6;

  private ErrorEnvelopes() {}

  /**
   * {@return the {@code error_code} of an {@link ErrorResponse}, or of a JSON text that starts with it (as the
   * filters that answer before a resource write it); null for any other entity}
   */
  static @Nullable Integer errorCode(@Nullable Object entity) {
    if (entity instanceof ErrorResponse error) {
      return error.errorCode();
    }
    if (entity instanceof String text && text.startsWith(PREFIX)) {
      int end = PREFIX.length();
      while (end < text.length() && end - PREFIX.length() < MAX_DIGITS && Character.isDigit(text.charAt(end))) {
        end++;
      }
      boolean complete = end > PREFIX.length() && end < text.length()
          && (text.charAt(end) == ',' || text.charAt(end) == '}');
      return complete ? Integer.valueOf(text.substring(PREFIX.length(), end)) : null;
    }
    return null;
  }
}
