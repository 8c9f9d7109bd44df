package dev.kafkarest.server.http;

import dev.kafkarest.core.error.ErrorCode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Builds error responses whose Content-Type suits the client's Accept header. */
final class ErrorResponses {
  private static final MediaType V2 = MediaType.valueOf(KafkaMediaTypes.V2_JSON);

  private ErrorResponses() {}

  static Response of(ErrorCode code, String message, @Nullable HttpHeaders headers) {
    return of(code.httpStatus(), code.code(), message, headers);
  }

  static Response of(int status, int errorCode, String message, @Nullable HttpHeaders headers) {
    return Response.status(status)
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
