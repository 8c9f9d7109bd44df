package dev.kafkarest.server.exchange;

/**
 * Receives every answered exchange. Called once per request, after its response is written, on the
 * thread that wrote it (a Grizzly worker or a response thread): implementations must be thread-safe,
 * cheap, must not block and must not throw.
 */
@FunctionalInterface
public interface ExchangeListener {

  /** An exchange was answered. */
  void answered(Exchange exchange);
}
