package dev.kafkarest.server.http;

/**
 * A limit outside the HTTP layer that a request's body counts against from the moment its header
 * arrives, while {@link WholeBodyFilter} still collects the body: the quotas' produce bytes in flight.
 * Asked once per request whose body is not complete with its header and has a {@code Content-Length}.
 */
@FunctionalInterface
public interface BodyAdmission {
  /** Counts nothing. */
  BodyAdmission NONE = (method, rawPath, contentLength) -> BodyHold.NONE;

  /**
   * {@return a hold on the body's bytes ({@link BodyHold#NONE} when the request is not counted), or a
   * refusal that is answered at once and closes the connection}
   *
   * @param rawPath the request's path as sent, without the query
   */
  Decision admit(String method, String rawPath, long contentLength);

  /** What {@link #admit} decided. */
  sealed interface Decision permits BodyHold, Refusal {}

  /**
   * A refused request: answered with {@code status}, the envelope ({@code errorCode}, {@code message})
   * and {@code Retry-After}.
   */
  record Refusal(int status, int errorCode, String message, long retryAfterSeconds) implements Decision {}
}
