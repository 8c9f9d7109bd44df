package dev.kafkarest.server.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.jspecify.annotations.Nullable;

/**
 * Answers JAX-RS's own errors (unknown path 404, 405, 406, 415, ...) in Confluent's error JSON, with
 * the HTTP status as {@code error_code}.
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
  @Context private HttpHeaders headers;

  @Override
  public Response toResponse(WebApplicationException exception) {
    return respond(exception, headers);
  }

  static Response respond(WebApplicationException exception, @Nullable HttpHeaders headers) {
    Response original = exception.getResponse();
    int status = original.getStatus();
    String message = exception.getMessage() == null ? "HTTP " + status : exception.getMessage();
    Response response = ErrorResponses.of(status, status, message, headers);
    if (original.getHeaderString("Allow") != null) {
      return Response.fromResponse(response).header("Allow", original.getHeaderString("Allow")).build();
    }
    return response;
  }
}
