package dev.kafkarest.core.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Converts a record key or value between Kafka bytes and its JSON representation in one embedded format.
 * Implementations are stateless and thread-safe.
 */
public interface RecordCodec {

  /**
   * Reads the value at the parser's current token and returns its Kafka bytes, or null for JSON
   * {@code null}. On return the parser is positioned on the value's last token.
   *
   * @param field the field's name in the request, for error messages
   * @throws dev.kafkarest.core.error.ProxyException 400 when the value is not valid in this format
   */
  byte @Nullable [] read(JsonParser parser, String field) throws IOException;

  /**
   * Writes Kafka bytes as one JSON value; null bytes become JSON {@code null}.
   *
   * @throws UndecodableDataException when the bytes cannot be represented in this format
   */
  void write(byte @Nullable [] data, JsonGenerator generator) throws IOException;

  /**
   * Returns the codec of a format.
   *
   * @throws dev.kafkarest.core.error.ProxyException 422/42206 for formats that need a schema registry
   */
  static RecordCodec of(EmbeddedFormat format) {
    return switch (format.requireSupported()) {
      case BINARY -> BinaryCodec.INSTANCE;
      case JSON -> JsonCodec.INSTANCE;
      default -> throw new IllegalStateException("unsupported format " + format);
    };
  }
}
