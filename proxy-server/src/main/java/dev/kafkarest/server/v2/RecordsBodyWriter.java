package dev.kafkarest.server.v2;

import dev.kafkarest.core.consumer.RecordsBody;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Writes a records response body as it was built, chunk by chunk, whatever JSON media type was
 * negotiated. The resource sets {@code Content-Length}, so the response is not chunk-encoded.
 */
@Produces(MediaType.WILDCARD)
final class RecordsBodyWriter implements MessageBodyWriter<RecordsBody> {

  @Override
  public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == RecordsBody.class;
  }

  @Override
  public void writeTo(RecordsBody body, Class<?> type, Type genericType, Annotation[] annotations,
      MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream entity) throws IOException {
    body.writeTo(entity);
  }
}
