package dev.kafkarest.server.exchange;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: one line per answered request, as {@code key=value} pairs (logfmt), for example
 *
 * <pre>{@code
 * time=2026-11-28T10:15:30.123Z method=POST template=/topics/{topic} path=/topics/orders status=200
 * error_code=- latency_ms=3.412 bytes_in=120 bytes_out=85 principal=alice client=10.0.0.7 request_id=4f3c...
 * }</pre>
 *
 * (on one line). A value with a space, quote, backslash or {@code =} is quoted with backslash escapes;
 * control characters become {@code ?}; the path and principal are cut at 256 characters. The line never
 * holds a credential, a query string or a header other than {@code X-Request-Id}. Anonymous requests show
 * {@code principal=-}.
 */
public final class AccessLog implements ExchangeListener {
  private static final int MAX_VALUE = 256;

  private final BooleanSupplier enabled;
  private final Consumer<String> sink;

  /**
   * @param enabled asked before each line is built, so a silenced logger costs nothing per request
   * @param sink receives each line
   */
  AccessLog(BooleanSupplier enabled, Consumer<String> sink) {
    this.enabled = enabled;
    this.sink = sink;
  }

  /** {@return an access log that writes at INFO to the SLF4J logger of that name} */
  public static AccessLog toLogger(String loggerName) {
    Logger logger = LoggerFactory.getLogger(loggerName);
    return new AccessLog(logger::isInfoEnabled, logger::info);
  }

  @Override
  public void answered(Exchange exchange) {
    if (enabled.getAsBoolean()) {
      sink.accept(line(exchange));
    }
  }

  /** {@return the log line of an exchange} */
  static String line(Exchange e) {
    StringBuilder line = new StringBuilder(256);
    field(line, "time", DateTimeFormatter.ISO_INSTANT.format(e.time().truncatedTo(ChronoUnit.MILLIS)));
    field(line, "method", e.method());
    field(line, "template", e.template());
    field(line, "path", e.path());
    field(line, "status", Integer.toString(e.status()));
    field(line, "error_code", e.errorCode() == null ? "-" : e.errorCode().toString());
    field(line, "latency_ms", millis(e.durationNanos()));
    field(line, "bytes_in", Long.toString(e.requestBytes()));
    field(line, "bytes_out", Long.toString(e.responseBytes()));
    field(line, "principal", e.principal() == null ? "-" : e.principal());
    field(line, "client", e.clientAddress());
    field(line, "request_id", e.requestId());
    return line.toString();
  }

  /** {@return nanoseconds as milliseconds with three decimals, such as {@code 3.412}} */
  static String millis(long nanos) {
    long micros = Math.max(0, nanos) / 1_000;
    String fraction = Long.toString(1_000 + micros % 1_000);
    return micros / 1_000 + "." + fraction.substring(1);
  }

  private static void field(StringBuilder line, String key, @Nullable String value) {
    if (!line.isEmpty()) {
      line.append(' ');
    }
    line.append(key).append('=');
    String text = value == null ? "-" : value;
    if (text.length() > MAX_VALUE) {
      text = text.substring(0, MAX_VALUE) + "...";
    }
    if (!needsQuotes(text)) {
      line.append(text);
      return;
    }
    line.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        line.append('\\').append(c);
      } else {
        line.append(isLineBreaking(c) ? '?' : c);
      }
    }
    line.append('"');
  }

  private static boolean isLineBreaking(char c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
  }

  private static boolean needsQuotes(String text) {
    if (text.isEmpty()) {
      return true;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c == '"' || c == '\\' || c == '=' || isLineBreaking(c) || Character.isWhitespace(c)) {
        return true;
      }
    }
    return false;
  }
}
