package dev.kafkarest.server.v2;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;

/**
 * Writes the produce response with a streaming generator instead of databind's reflective serialisers.
 * The bytes are those Jackson's provider wrote for the {@link ProduceResponse} record: UTF-8, compact,
 * the same field order and explicit nulls, whatever JSON media type was negotiated. Thread-safe.
 */
@Produces(MediaType.WILDCARD)
final class ProduceResponseWriter implements MessageBodyWriter<ProduceResponse> {
  private static final SerializedString OFFSETS = new SerializedString("offsets");
  private static final SerializedString PARTITION = new SerializedString("partition");
  private static final SerializedString OFFSET = new SerializedString("offset");
  private static final SerializedString ERROR_CODE = new SerializedString("error_code");
  private static final SerializedString ERROR = new SerializedString("error");
  private static final SerializedString KEY_SCHEMA_ID = new SerializedString("key_schema_id");
  private static final SerializedString VALUE_SCHEMA_ID = new SerializedString("value_schema_id");

  private final JsonFactory factory;

  /** Uses the HTTP layer's {@code ObjectMapper} factory, so generator settings stay those of the mapper. */
  ProduceResponseWriter(JsonFactory factory) {
    this.factory = factory;
  }

  @Override
  public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == ProduceResponse.class;
  }

  /** Writes the body; the entity stream is left open for Jersey, as Jackson's provider leaves it. */
  @Override
  public void writeTo(ProduceResponse response, Class<?> type, Type genericType, Annotation[] annotations,
      MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream entity) throws IOException {
    try (JsonGenerator generator = factory.createGenerator(entity, JsonEncoding.UTF8)) {
      generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      write(response, generator);
    }
  }

  private static void write(ProduceResponse response, JsonGenerator generator) throws IOException {
    generator.writeStartObject();
    generator.writeFieldName(OFFSETS);
    generator.writeStartArray();
    for (ProduceOffset offset : response.offsets()) {
      generator.writeStartObject();
      generator.writeFieldName(PARTITION);
      writeNumber(generator, offset.partition());
      generator.writeFieldName(OFFSET);
      if (offset.offset() == null) {
        generator.writeNull();
      } else {
        generator.writeNumber(offset.offset());
      }
      generator.writeFieldName(ERROR_CODE);
      writeNumber(generator, offset.errorCode());
      generator.writeFieldName(ERROR);
      generator.writeString(offset.error());
      generator.writeEndObject();
    }
    generator.writeEndArray();
    generator.writeFieldName(KEY_SCHEMA_ID);
    writeNumber(generator, response.keySchemaId());
    generator.writeFieldName(VALUE_SCHEMA_ID);
    writeNumber(generator, response.valueSchemaId());
    generator.writeEndObject();
  }

  private static void writeNumber(JsonGenerator generator, @Nullable Integer value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else {
      generator.writeNumber(value);
    }
  }
}
