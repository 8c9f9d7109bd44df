package dev.kafkarest.server.http;

import dev.kafkarest.core.error.ProxyException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Answers a {@link ProxyException} with its status and {@code {"error_code", "message"}}, and with
 * {@code Retry-After} (whole seconds, at least 1) when the exception says when to try again.
 */
public final class ProxyExceptionMapper implements ExceptionMapper<ProxyException> {
  @Context private HttpHeaders headers;

  @Override
  public Response toResponse(ProxyException exception) {
    Response response = ErrorResponses.of(exception.errorCode(), exception.getMessage(), headers);
    return exception.retryAfter()
        .map(wait -> Response.fromResponse(response)
            .header(HttpHeaders.RETRY_AFTER, Math.max(1, (wait.toMillis() + 999) / 1000)).build())
        .orElse(response);
  }
}
