package dev.kafkarest.core.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonTokenId;
import java.io.IOException;

/**
 * Copies one JSON value from a parser to a generator token by token, with the bytes
 * {@link JsonGenerator#copyCurrentStructureExact} writes, except where that copy fails on valid JSON.
 *
 * <p>Numbers already in the form the exact copy writes are copied as text instead of being parsed into a
 * {@code BigDecimal} (see {@link NumberText}). A number {@code BigDecimal} cannot hold at all, such as
 * {@code 1e-2147483648} or {@code 1e2147483648} (its scale would leave the {@code int} range), is
 * written as it was spelled: the parser has already checked that it is a valid JSON number, and RFC 8259
 * sets no limit on exponents. Such numbers are the only difference from the exact copy, which throws a
 * {@link NumberFormatException} for them.
 */
final class JsonCopy {
  private JsonCopy() {}

  /** Copies the value at the parser's current token, leaving the parser on the value's last token. */
  static void copyValue(JsonParser parser, JsonGenerator target) throws IOException {
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
      return;
    }
    try {
      // Parses the number first and writes only once it is parsed, so a failure writes nothing.
      target.copyCurrentEventExact(parser);
    } catch (NumberFormatException beyondBigDecimal) {
      target.writeNumber(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    }
  }
}
