package dev.kafkarest.server.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.ws.rs.ext.ContextResolver;

/**
 * The one {@link ObjectMapper} of the HTTP layer: unknown fields fail (422, as in Confluent), nulls are
 * written explicitly, scalars are coerced the way Confluent's clients rely on ({@code "1024"} for a
 * number, {@code false} for a string).
 */
public final class ObjectMapperProvider implements ContextResolver<ObjectMapper> {
  private final ObjectMapper mapper = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  @Override
  public ObjectMapper getContext(Class<?> type) {
    return mapper;
  }

  public ObjectMapper mapper() {
    return mapper;
  }
}
