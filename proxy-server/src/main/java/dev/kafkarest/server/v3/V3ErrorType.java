package dev.kafkarest.server.v3;

import dev.kafkarest.server.http.KafkaMediaTypes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * Errors under {@code /v3} are {@code application/json}, as every v3 response is in Confluent; the shared
 * error mappers would label an error for a client that accepts anything with v2's type.
 */
final class V3ErrorType implements ContainerResponseFilter {
  private static final MediaType V2 = MediaType.valueOf(KafkaMediaTypes.V2_JSON);

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String path = request.getUriInfo().getPath();
    MediaType type = response.getMediaType();
    if ((path.equals("v3") || path.startsWith("v3/")) && type != null && type.isCompatible(V2)
        && !type.isWildcardType() && !type.isWildcardSubtype()) {
      response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_TYPE);
    }
  }
}
