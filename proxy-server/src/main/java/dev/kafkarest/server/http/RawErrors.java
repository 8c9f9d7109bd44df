package dev.kafkarest.server.http;

import java.nio.charset.StandardCharsets;

/**
 * Error answers written below Jersey, by the HTTP codec's guards: Confluent's {@code error_code} and
 * {@code message} envelope, with the HTTP status as the code and a message in plain words.
 */
final class RawErrors {
  private RawErrors() {}

  /** {@return the message for an error the HTTP layer answers itself, by status} */
  static String message(int status) {
    return switch (status) {
      case 400 -> "The request is not well-formed HTTP/1.1.";
      case 405 -> "This method is not supported.";
      case 408 -> "The request body did not arrive in time.";
      case 413 -> "The request body is too large.";
      case 415 -> "This content coding is not supported; send the body without Content-Encoding.";
      case 417 -> "This expectation is not supported; only 100-continue is.";
      case 431 -> "The request header is too large or has too many fields.";
      case 501 -> "This transfer coding is not supported; only chunked is.";
      case 503 -> "The server has too many open connections; try again later.";
      case 505 -> "This HTTP version is not supported; use HTTP/1.1.";
      default -> "The request could not be served.";
    };
  }

  /** {@return the JSON envelope for {@code status}, with {@link #message}} */
  static byte[] envelope(int status) {
    return ("{\"error_code\":" + status + ",\"message\":\"" + message(status) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** {@return a whole HTTP/1.1 response that closes the connection, with the envelope as its body} */
  static byte[] response(int status, String reason) {
    return response(status, reason, envelope(status), "");
  }

  /**
   * {@return a whole HTTP/1.1 response that closes the connection, with the envelope of {@code errorCode}
   * and {@code message} (plain text without quotes or backslashes) and a {@code Retry-After} header}
   */
  static byte[] response(int status, String reason, int errorCode, String message, long retryAfterSeconds) {
    byte[] body = ("{\"error_code\":" + errorCode + ",\"message\":\"" + message + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    return response(status, reason, body, "Retry-After: " + retryAfterSeconds + "\r\n");
  }

  private static byte[] response(int status, String reason, byte[] body, String extraHeaders) {
    byte[] head = ("HTTP/1.1 " + status + " " + reason + "\r\n"
        + "Content-Type: application/json\r\n"
        + extraHeaders
        + "Content-Length: " + body.length + "\r\n"
        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] whole = new byte[head.length + body.length];
    System.arraycopy(head, 0, whole, 0, head.length);
    System.arraycopy(body, 0, whole, head.length, body.length);
    return whole;
  }
}
