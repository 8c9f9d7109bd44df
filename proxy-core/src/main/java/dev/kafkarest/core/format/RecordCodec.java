package dev.kafkarest.core.format;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Converts a record key or value between Kafka bytes and its JSON representation in one embedded format.
 * Implementations are stateless and thread-safe; their {@link #reader() readers} are not.
 */
public interface RecordCodec {

  /**
   * Returns a reader for the keys and values of one request body. The reader may keep buffers between
   * values, so it belongs to one request on one thread; close it when the body is parsed.
   */
  RecordReader reader();

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
