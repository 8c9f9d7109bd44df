package dev.kafkarest.server.http;

import java.time.Duration;

/**
 * What one HTTP client may hold ({@link HttpLimitsKeys}).
 *
 * @param bodyReadTimeout time from a request's header to the end of its body
 * @param headerMaxBytes largest request line and header
 * @param headersMax most header fields in one request
 * @param connectionsMax most open connections per listener
 * @param idleTimeout how long a connection that sends nothing is kept
 * @param bodyBufferMaxBytes most bytes held by request bodies still arriving, over all connections; 0 for a
 *     quarter of the JVM's maximum heap
 * @param writeTimeout how long writing a response may wait for a client that does not read; the connection
 *     is then closed
 */
public record HttpLimits(Duration bodyReadTimeout, int headerMaxBytes, int headersMax, int connectionsMax,
    Duration idleTimeout, long bodyBufferMaxBytes, Duration writeTimeout) {
  static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(10);
  static final int DEFAULT_HEADER_MAX_BYTES = 8192;
  static final int DEFAULT_HEADERS_MAX = 100;
  static final int DEFAULT_CONNECTIONS_MAX = 10_000;
  static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
  static final long DEFAULT_BODY_BUFFER_MAX_BYTES = 0;
  static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

  /** {@return the defaults} */
  public static HttpLimits defaults() {
    return new HttpLimits(DEFAULT_BODY_READ_TIMEOUT, DEFAULT_HEADER_MAX_BYTES, DEFAULT_HEADERS_MAX,
        DEFAULT_CONNECTIONS_MAX, DEFAULT_IDLE_TIMEOUT, DEFAULT_BODY_BUFFER_MAX_BYTES, DEFAULT_WRITE_TIMEOUT);
  }

  /** {@return the idle timeout in whole seconds, rounded up, as Grizzly takes it} */
  public int idleTimeoutSeconds() {
    return (int) Math.max(1, (idleTimeout.toMillis() + 999) / 1000);
  }

  /** {@return the total bytes request bodies still arriving may hold: the setting, or a quarter of the heap} */
  public long effectiveBodyBufferMaxBytes() {
    return bodyBufferMaxBytes > 0 ? bodyBufferMaxBytes : Math.max(1, Runtime.getRuntime().maxMemory() / 4);
  }
}
