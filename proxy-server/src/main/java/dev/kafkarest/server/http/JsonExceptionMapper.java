package dev.kafkarest.server.http;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.jspecify.annotations.Nullable;

/**
 * Answers request bodies Jackson cannot bind: an unknown field is 422 "Unrecognized field: name", as in
 * Confluent; malformed JSON and wrong types are 400. Jackson's source-location noise is left out.
 * Failures that are the proxy's own (a response that cannot be written, a type Jackson cannot handle)
 * are 500, as for any other internal error.
 */
public final class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {
  @Context private HttpHeaders headers;

  @Override
  public Response toResponse(JsonProcessingException exception) {
    return respond(exception, headers);
  }

  static Response respond(JsonProcessingException exception, @Nullable HttpHeaders headers) {
    for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ProxyException proxy) {
        // Jackson wraps what the body stream throws, such as the 413 of a body over the size limit.
        return ErrorResponses.of(proxy.errorCode(), proxy.getMessage(), headers);
      }
    }
    if (exception instanceof JsonGenerationException || exception instanceof InvalidDefinitionException) {
      return CatchAllExceptionMapper.internalError(exception, headers);
    }
    if (exception instanceof UnrecognizedPropertyException unknown) {
      return ErrorResponses.of(ErrorCode.UNPROCESSABLE_ENTITY, "Unrecognized field: " + unknown.getPropertyName(),
          headers);
    }
    String prefix = exception instanceof JsonParseException ? "Malformed JSON: " : "Bad Request: ";
    String detail = exception.getOriginalMessage() == null ? "invalid JSON" : exception.getOriginalMessage();
    return ErrorResponses.of(ErrorCode.BAD_REQUEST, prefix + detail.replaceAll("\\s*\\(for .*\\)$", ""), headers);
  }
}
