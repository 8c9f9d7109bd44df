package dev.kafkarest.server.stream;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/** Writes a {@link BodyChunk} as it is, whatever media type the response has, then tells its pump. */
@Produces(MediaType.WILDCARD)
final class BodyChunkWriter implements MessageBodyWriter<BodyChunk> {

  @Override
  public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == BodyChunk.class;
  }

  @Override
  public void writeTo(BodyChunk chunk, Class<?> type, Type genericType, Annotation[] annotations,
      MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream entity) throws IOException {
    chunk.body().writeChunk(chunk.index(), entity);
    chunk.written().run();
  }
}
