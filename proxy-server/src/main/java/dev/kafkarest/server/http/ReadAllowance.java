package dev.kafkarest.server.http;

import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * The consume quota's byte allowance of a request that answers with a stream: the stream is charged for each
 * batch it sends and waits before reading the next while its client owes bytes, where an ordinary read is
 * charged once and the client's next read refused. The quota filter hands it to the application as the
 * request property {@link #PROPERTY}.
 */
@FunctionalInterface
public interface ReadAllowance {
  /** The request property that carries the allowance. */
  String PROPERTY = ReadAllowance.class.getName();
  /** No quota: nothing is charged, nothing waits. */
  ReadAllowance UNLIMITED = bytes -> 0;

  /** Charges bytes sent; {@return how long to wait before reading more, in nanoseconds (0: at once)} */
  long charge(long bytes);

  /** {@return the allowance the quota filter handed to {@code request}, or {@link #UNLIMITED}} */
  static ReadAllowance of(ContainerRequestContext request) {
    return request.getProperty(PROPERTY) instanceof ReadAllowance allowance ? allowance : UNLIMITED;
  }
}
