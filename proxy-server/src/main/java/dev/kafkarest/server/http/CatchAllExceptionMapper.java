package dev.kafkarest.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.KafkaErrors;
import dev.kafkarest.core.error.ProxyException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort: unwraps future and processing wrappers and answers as the specific mappers would;
 * whatever is left is logged once at ERROR and answered 500 "Internal Server Error", never with a
 * stack trace.
 */
public final class CatchAllExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(CatchAllExceptionMapper.class);

  @Context private HttpHeaders headers;

  @Override
  public Response toResponse(Throwable throwable) {
    Throwable error = KafkaErrors.unwrap(throwable);
    while (error instanceof ProcessingException && error.getCause() != null) {
      error = KafkaErrors.unwrap(error.getCause());
    }
    if (error instanceof ProxyException proxy) {
      return ErrorResponses.of(proxy.errorCode(), proxy.getMessage(), headers);
    }
    if (error instanceof WebApplicationException web) {
      return WebApplicationExceptionMapper.respond(web, headers);
    }
    if (error instanceof JsonProcessingException json) {
      return JsonExceptionMapper.respond(json, headers);
    }
    if (error instanceof KafkaException) {
      ProxyException translated = KafkaErrors.translate(error);
      return ErrorResponses.of(translated.errorCode(), translated.getMessage(), headers);
    }
    return internalError(error, headers);
  }

  /** Logs an unexpected error once at ERROR and answers 500 "Internal Server Error". */
  static Response internalError(Throwable error, @Nullable HttpHeaders headers) {
    LOG.error("Unexpected error while serving a request", error);
    return ErrorResponses.of(ErrorCode.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL_SERVER_ERROR.defaultMessage(),
        headers);
  }
}
