package dev.kafkarest.core.format;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the keys and values of one request body into Kafka bytes, in one embedded format. Not
 * thread-safe: a reader serves one request and is closed when the body is parsed, which releases any
 * buffers it kept between values. Each value's bytes are a new array, never shared with later values.
 */
public interface RecordReader extends AutoCloseable {

  /**
   * Reads the value at the parser's current token and returns its Kafka bytes, or null for JSON
   * {@code null}. On return the parser is positioned on the value's last token.
   *
   * @param field the field's name in the request, for error messages
   * @throws dev.kafkarest.core.error.ProxyException 400 when the value is not valid in this format
   */
  byte @Nullable [] read(JsonParser parser, String field) throws IOException;

  /** Releases the reader's buffers; it must not be used afterwards. */
  @Override
  void close();
}
