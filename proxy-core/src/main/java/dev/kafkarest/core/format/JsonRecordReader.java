package dev.kafkarest.core.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code json} values of one request as compact UTF-8 JSON, with the bytes
 * {@link JsonGenerator#copyCurrentStructureExact} would write, but cheaper: one generator and one output
 * buffer serve every value of the request, and numbers already in the form that copy writes are copied
 * as text instead of being parsed into a {@code BigDecimal}.
 *
 * <p>Values are written as consecutive root values with no separator, and each value's bytes are taken
 * out and the buffer emptied before the next. A value that fails part-way drops the generator, so no
 * half-written state reaches the next value.
 */
final class JsonRecordReader implements RecordReader {
  private static final JsonFactory FACTORY = new JsonFactoryBuilder()
      .rootValueSeparator((SerializableString) null)
      .build();

  private final ByteArrayBuilder out = new ByteArrayBuilder(256);
  private @Nullable JsonGenerator generator;

  @Override
  public byte @Nullable [] read(JsonParser parser, String field) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    JsonGenerator target = generator();
    boolean copied = false;
    try {
      copyValue(parser, target);
      target.flush();
      copied = true;
      return out.toByteArray();
    } finally {
      out.reset();
      if (!copied) {
        drop(target);
      }
    }
  }

  @Override
  public void close() {
    JsonGenerator target = generator;
    if (target != null) {
      drop(target);
    }
  }

  private JsonGenerator generator() throws IOException {
    JsonGenerator target = generator;
    if (target == null) {
      target = FACTORY.createGenerator(out);
      generator = target;
    }
    return target;
  }

  /** Closes a generator, which gives its buffers back to Jackson's pool; what it writes is discarded. */
  private void drop(JsonGenerator target) {
    generator = null;
    try {
      target.close();
    } catch (IOException e) {
      // The target is an in-memory buffer that is reset anyway: nothing to report.
    } finally {
      out.reset();
    }
  }

  /** Copies the value at the parser's current token, leaving the parser on the value's last token. */
  private static void copyValue(JsonParser parser, JsonGenerator target) throws IOException {
    int depth = 0;
    do {
      switch (parser.currentTokenId()) {
        case JsonTokenId.ID_START_OBJECT -> {
          target.writeStartObject();
          depth++;
        }
        case JsonTokenId.ID_START_ARRAY -> {
          target.writeStartArray();
          depth++;
        }
        case JsonTokenId.ID_END_OBJECT -> {
          target.writeEndObject();
          depth--;
        }
        case JsonTokenId.ID_END_ARRAY -> {
          target.writeEndArray();
          depth--;
        }
        case JsonTokenId.ID_FIELD_NAME -> target.writeFieldName(parser.currentName());
        case JsonTokenId.ID_STRING -> target.writeString(
            parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        case JsonTokenId.ID_NUMBER_INT -> copyNumber(parser, target, false);
        case JsonTokenId.ID_NUMBER_FLOAT -> copyNumber(parser, target, true);
        default -> target.copyCurrentEvent(parser);
      }
    } while (depth > 0 && parser.nextToken() != null);
  }

  private static void copyNumber(JsonParser parser, JsonGenerator target, boolean fraction) throws IOException {
    char[] text = parser.getTextCharacters();
    int offset = parser.getTextOffset();
    int length = parser.getTextLength();
    boolean canonical = fraction
        ? NumberText.isCanonicalDecimal(text, offset, length)
        : NumberText.isCanonicalInteger(text, offset, length);
    if (canonical) {
      target.writeNumber(text, offset, length);
    } else {
      target.copyCurrentEventExact(parser);
    }
  }
}
