package dev.kafkarest.server.http;

import dev.kafkarest.server.config.KeyGroup;
import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Keys that bound what one HTTP client can hold: how long a request body may take to arrive, how large
 * a request header may be, how many connections are open, and how long an idle connection is kept
 * ({@code idle.timeout.ms}, Confluent's key), and how long a response waits for a client that stops reading
 * ({@code http.write.timeout.ms}).
 */
public final class HttpLimitsKeys {
  public static final String GROUP = "HTTP limits";

  public static final String BODY_READ_TIMEOUT_MS = "http.body.read.timeout.ms";
  public static final String HEADER_MAX_BYTES = "http.header.max.bytes";
  public static final String HEADERS_MAX = "http.headers.max";
  public static final String CONNECTIONS_MAX = "http.connections.max";
  public static final String IDLE_TIMEOUT_MS = "idle.timeout.ms";
  public static final String BODY_BUFFER_MAX_BYTES = "http.body.buffer.max.bytes";
  public static final String WRITE_TIMEOUT_MS = "http.write.timeout.ms";

  private HttpLimitsKeys() {}

  /** {@return {@code definition}, with the HTTP limit keys added} */
  public static ConfigDef define(ConfigDef definition) {
    new KeyGroup(definition, GROUP)
        .define(BODY_READ_TIMEOUT_MS, Type.LONG, HttpLimits.DEFAULT_BODY_READ_TIMEOUT.toMillis(),
            Range.between(100, 600_000), Importance.MEDIUM,
            "Time from a request's header to the last byte of its body; a body still incomplete then gets 408 and "
                + "the connection is closed. Bodies are read without holding an HTTP worker.")
        .define(HEADER_MAX_BYTES, Type.INT, HttpLimits.DEFAULT_HEADER_MAX_BYTES, Range.between(1024, 1024 * 1024),
            Importance.LOW, "Largest request line and header, in bytes; larger ones get 431.")
        .define(HEADERS_MAX, Type.INT, HttpLimits.DEFAULT_HEADERS_MAX, Range.between(8, 10_000), Importance.LOW,
            "Most header fields in one request; more get 431.")
        .define(CONNECTIONS_MAX, Type.INT, HttpLimits.DEFAULT_CONNECTIONS_MAX, Range.between(1, 1_000_000),
            Importance.MEDIUM, "Most open client connections per listener; a connection beyond gets 503 and is closed.")
        .define(IDLE_TIMEOUT_MS, Type.LONG, HttpLimits.DEFAULT_IDLE_TIMEOUT.toMillis(),
            Range.between(1_000, 86_400_000), Importance.MEDIUM,
            "How long a connection that sends nothing is kept open (Confluent's key; whole seconds, rounded up).")
        .define(BODY_BUFFER_MAX_BYTES, Type.LONG, HttpLimits.DEFAULT_BODY_BUFFER_MAX_BYTES, Range.atLeast(0),
            Importance.MEDIUM, "Most bytes held, over all connections, by request bodies still arriving (a body with "
                + "a Content-Length counts its whole length from its header on); a body beyond gets 503 with "
                + "Retry-After and the connection is closed. 0: a quarter of the JVM's maximum heap.")
        .define(WRITE_TIMEOUT_MS, Type.LONG, HttpLimits.DEFAULT_WRITE_TIMEOUT.toMillis(), Range.between(100, 600_000),
            Importance.MEDIUM, "How long writing a response may wait for a client that does not read it; the "
                + "connection is then closed.");
    return definition;
  }

  /** {@return the limits read from the parsed configuration} */
  public static HttpLimits settings(AbstractConfig config) {
    return new HttpLimits(
        Duration.ofMillis(config.getLong(BODY_READ_TIMEOUT_MS)),
        config.getInt(HEADER_MAX_BYTES),
        config.getInt(HEADERS_MAX),
        config.getInt(CONNECTIONS_MAX),
        Duration.ofMillis(config.getLong(IDLE_TIMEOUT_MS)),
        config.getLong(BODY_BUFFER_MAX_BYTES),
        Duration.ofMillis(config.getLong(WRITE_TIMEOUT_MS)));
  }
}
