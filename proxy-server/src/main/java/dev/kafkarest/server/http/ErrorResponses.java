package dev.kafkarest.server.http;

import dev.kafkarest.core.error.ErrorCode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds error responses whose Content-Type suits the client's Accept header, with {@code X-Content-Type-Options:
 * nosniff}. A 503/50302 "Kafka broker not available" carries {@code Retry-After: }{@value #KAFKA_RETRY_AFTER_SECONDS}.
 */
final class ErrorResponses {
  /**
   * The seconds a client is asked to wait after 50302: about the time a restarted broker takes to answer
   * again, and the proxy's bound on a Kafka call, so a retry neither hammers an absent cluster nor waits long
   * after it is back.
   */
  static final int KAFKA_RETRY_AFTER_SECONDS = 5;

  private static final MediaType V2 = MediaType.valueOf(KafkaMediaTypes.V2_JSON);

  private ErrorResponses() {}

  static Response of(ErrorCode code, String message, @Nullable HttpHeaders headers) {
    Response response = of(code.httpStatus(), code.code(), message, headers);
    if (code == ErrorCode.BROKER_NOT_AVAILABLE) {
      response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, KAFKA_RETRY_AFTER_SECONDS);
    }
    return response;
  }

  static Response of(int status, int errorCode, String message, @Nullable HttpHeaders headers) {
    return Response.status(status)
        // Messages repeat what the client sent (a path, a name): no browser may read one as a page.
        .header("X-Content-Type-Options", "nosniff")
        .type(typeFor(headers))
        .entity(new ErrorResponse(errorCode, message))
        .build();
  }

  /**
   * Chooses Confluent's v2 type unless the client accepts only plain JSON. Errors are always JSON, even
   * when the client accepts nothing JSON (the 406 case).
   */
  private static MediaType typeFor(@Nullable HttpHeaders headers) {
    if (headers == null) {
      return MediaType.APPLICATION_JSON_TYPE;
    }
    List<MediaType> accepted;
    try {
      accepted = headers.getAcceptableMediaTypes();
    } catch (RuntimeException unparsableAccept) {
      return MediaType.APPLICATION_JSON_TYPE;
    }
    for (MediaType type : accepted) {
      if (type.isCompatible(V2) || type.getSubtype().startsWith("vnd.kafka")) {
        return V2;
      }
      if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
        return MediaType.APPLICATION_JSON_TYPE;
      }
    }
    return MediaType.APPLICATION_JSON_TYPE;
  }
}
