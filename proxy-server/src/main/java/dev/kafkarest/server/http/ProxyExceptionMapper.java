package dev.kafkarest.server.http;

import dev.kafkarest.core.error.ProxyException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Answers a {@link ProxyException} with its status and {@code {"error_code", "message"}}. */
public final class ProxyExceptionMapper implements ExceptionMapper<ProxyException> {
  @Context private HttpHeaders headers;

  @Override
  public Response toResponse(ProxyException exception) {
    return ErrorResponses.of(exception.errorCode(), exception.getMessage(), headers);
  }
}
