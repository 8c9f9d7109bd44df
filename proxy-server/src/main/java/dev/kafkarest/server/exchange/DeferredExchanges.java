package dev.kafkarest.server.exchange;

import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * For a response whose body is written after Jersey is done with the request (a large body handed to the
 * connection as the client reads it, a stream of records): its exchange (access log line, HTTP meters) is
 * recorded once the body is written, so that its latency and {@code bytes_out} cover the whole body.
 */
public final class DeferredExchanges {
  private DeferredExchanges() {}

  /**
   * Defers the record of a request's exchange; {@return the action to run once its body is written or has
   *     failed} (idempotent), a no-op when no exchange is recorded for the request
   */
  public static Runnable deferUntilWritten(ContainerRequestContext request) {
    return request.getProperty(ExchangeState.PROPERTY) instanceof ExchangeState state ? state.defer() : () -> {};
  }

  /**
   * Defers the record of a request answered with a stream of records, which is recorded as a stream ({@link
   * Exchange#stream}); {@return the action to run once the stream has ended and its response is closed}
   */
  public static Runnable deferUntilStreamEnds(ContainerRequestContext request) {
    return request.getProperty(ExchangeState.PROPERTY) instanceof ExchangeState state ? state.deferStream() : () -> {};
  }
}
