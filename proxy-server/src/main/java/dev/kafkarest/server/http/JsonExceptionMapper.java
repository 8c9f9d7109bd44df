package dev.kafkarest.server.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.kafkarest.core.error.ErrorCode;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Answers request bodies Jackson cannot bind: an unknown field is 422 "Unrecognized field: name", as in
 * Confluent; malformed JSON and wrong types are 400. Jackson's source-location noise is left out.
 */
public final class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {
  @Context private HttpHeaders headers;

  @Override
  public Response toResponse(JsonProcessingException exception) {
    return respond(exception, headers);
  }

  static Response respond(JsonProcessingException exception, HttpHeaders headers) {
    if (exception instanceof UnrecognizedPropertyException unknown) {
      return ErrorResponses.of(ErrorCode.UNPROCESSABLE_ENTITY, "Unrecognized field: " + unknown.getPropertyName(),
          headers);
    }
    String prefix = exception instanceof JsonParseException ? "Malformed JSON: " : "Bad Request: ";
    String detail = exception.getOriginalMessage() == null ? "invalid JSON" : exception.getOriginalMessage();
    return ErrorResponses.of(ErrorCode.BAD_REQUEST, prefix + detail.replaceAll("\\s*\\(for .*\\)$", ""), headers);
  }
}
