package dev.kafkarest.core.format;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code binary} format: standard base64 strings. Input is decoded as Confluent's proxy decodes it
 * (see {@link Base64Text}): strict about the alphabet, with no whitespace or line breaks, but with
 * padding optional; output is always padded. Decoding reads the string from the parser's text buffer,
 * so the codec keeps no state and is its own reader.
 */
enum BinaryCodec implements RecordCodec, RecordReader {
  INSTANCE;

  private static final Base64Variant WRITE = Base64Variants.MIME_NO_LINEFEEDS;

  @Override
  public RecordReader reader() {
    return this;
  }

  @Override
  public byte @Nullable [] read(JsonParser parser, String field) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.VALUE_STRING) {
      if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
        parser.skipChildren();
      }
      throw new ProxyException(ErrorCode.BAD_REQUEST, "Bad Request: " + field + " is not a base64 string.");
    }
    byte[] bytes = Base64Text.decode(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    if (bytes == null) {
      throw new ProxyException(ErrorCode.BAD_REQUEST, "Bad Request: " + field + " is not a valid base64 string.");
    }
    return bytes;
  }

  @Override
  public void close() {}

  @Override
  public void write(byte @Nullable [] data, JsonGenerator generator) throws IOException {
    if (data == null) {
      generator.writeNull();
    } else {
      generator.writeBinary(WRITE, data, 0, data.length);
    }
  }
}
