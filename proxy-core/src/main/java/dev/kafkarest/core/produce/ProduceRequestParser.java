package dev.kafkarest.core.produce;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.format.ParserLimits;
import dev.kafkarest.core.format.RecordCodec;
import dev.kafkarest.core.format.RecordReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses the body of a v2 produce request ({@code {"records": [{"key", "value", "partition"}], ...}})
 * with Jackson's streaming parser, decoding keys and values with one reader of the request's codec as it
 * goes.
 *
 * <p>Errors follow Confluent: malformed JSON or a value of the wrong type is 400; a missing or empty
 * {@code records}, an unknown field or a negative partition is 422. Schema fields ({@code key_schema},
 * {@code value_schema_id}, ...) are accepted and ignored, as they are for the binary and json formats.
 */
public final class ProduceRequestParser {
  private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at \\[Source: .*?]\\)");
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

  private ProduceRequestParser() {}

  /**
   * Returns the records of a produce request body, in request order.
   *
   * @throws ProxyException 400 or 422 for bad input, as described on the class
   */
  public static List<ProduceRecord> parse(InputStream body, RecordCodec codec) {
    return parse(body, codec, Integer.MAX_VALUE);
  }

  /**
   * Returns the records of a produce request body, in request order, refusing more than
   * {@code maxRecords} as soon as the parser reaches one more.
   *
   * @throws ProxyException 413/413 for more than {@code maxRecords} records; 400 or 422 for bad input, as
   *     described on the class
   */
  /** {@return Jackson's message without the start marker's source, which names the proxy's stream class} */
  static String withoutSource(String message) {
    return START_MARKER.matcher(message).replaceAll("");
  }

  public static List<ProduceRecord> parse(InputStream body, RecordCodec codec, int maxRecords) {
    try (JsonParser parser = FACTORY.createParser(body);
        RecordReader reader = codec.reader()) {
      return parse(parser, reader, maxRecords);
    } catch (StreamReadException e) {
      throw new ProxyException(ErrorCode.BAD_REQUEST, "Malformed JSON: " + withoutSource(e.getOriginalMessage()), e);
    } catch (StreamConstraintsException e) {
      throw new ProxyException(ErrorCode.BAD_REQUEST,
          "The request body is over a parser limit: " + ParserLimits.describe(e), e);
    } catch (IOException e) {
      throw new ProxyException(ErrorCode.BAD_REQUEST, "Could not read the request body: " + e.getMessage(), e);
    }
  }

  private static List<ProduceRecord> parse(JsonParser parser, RecordReader reader, int maxRecords)
      throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null || first == JsonToken.VALUE_NULL) {
      throw new ProxyException(ErrorCode.UNPROCESSABLE_ENTITY, "Request body is empty: records must not be empty.");
    }
    if (first != JsonToken.START_OBJECT) {
      throw new ProxyException(ErrorCode.BAD_REQUEST, "The request body must be a JSON object, not " + describe(first) + ".");
    }
    List<ProduceRecord> records = null;
    for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
      JsonToken token = parser.nextToken();
      switch (field) {
        case "records" -> records = readRecords(parser, reader, maxRecords);
        case "key_schema", "value_schema" -> requireScalar(parser, token, field);
        case "key_schema_id", "value_schema_id" -> readOptionalInt(parser, field);
        default -> throw unrecognized(field);
      }
    }
    if (parser.nextToken() != null) {
      throw new ProxyException(ErrorCode.BAD_REQUEST, "Malformed JSON: unexpected content after the request object.");
    }
    if (records == null || records.isEmpty()) {
      throw new ProxyException(ErrorCode.UNPROCESSABLE_ENTITY, "records must not be empty.");
    }
    return records;
  }

  private static @Nullable List<ProduceRecord> readRecords(JsonParser parser, RecordReader reader, int maxRecords)
      throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.START_ARRAY) {
      skip(parser);
      throw new ProxyException(ErrorCode.BAD_REQUEST, "records must be an array, not " + describe(token) + ".");
    }
    List<ProduceRecord> records = new ArrayList<>();
    for (token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
      if (token != JsonToken.START_OBJECT) {
        throw new ProxyException(ErrorCode.BAD_REQUEST,
            "records[" + records.size() + "] must be an object, not " + describe(token) + ".");
      }
      if (records.size() == maxRecords) {
        throw new ProxyException(ErrorCode.PAYLOAD_TOO_LARGE,
            "Too many records: a produce request may hold at most " + maxRecords + " records.");
      }
      records.add(readRecord(parser, reader, records.size()));
    }
    return records;
  }

  private static ProduceRecord readRecord(JsonParser parser, RecordReader reader, int index) throws IOException {
    byte[] key = null;
    byte[] value = null;
    Integer partition = null;
    for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
      parser.nextToken();
      switch (field) {
        case "key" -> key = reader.read(parser, "records[" + index + "].key");
        case "value" -> value = reader.read(parser, "records[" + index + "].value");
        case "partition" -> partition = readPartition(parser, index);
        default -> throw unrecognized(field);
      }
    }
    return new ProduceRecord(key, value, partition);
  }

  private static @Nullable Integer readPartition(JsonParser parser, int index) throws IOException {
    String field = "records[" + index + "].partition";
    Integer partition = readOptionalInt(parser, field);
    if (partition == null) {
      return null;
    }
    if (partition < 0) {
      throw new ProxyException(ErrorCode.UNPROCESSABLE_ENTITY, field + " must not be negative (was " + partition + ").");
    }
    return partition;
  }

  /**
   * Reads an int the way Jackson binds an {@code Integer}: a JSON integer, a numeric string (Jackson's
   * default scalar coercion, which Confluent clients rely on) or null.
   */
  private static @Nullable Integer readOptionalInt(JsonParser parser, String field) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    } else if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
      return parser.getIntValue();
    } else if (token == JsonToken.VALUE_STRING && parser.getText().matches("-?\\d{1,10}")) {
      return parseIntOrFail(parser.getText(), field);
    }
    skip(parser);
    throw new ProxyException(ErrorCode.BAD_REQUEST, field + " must be an integer, not " + describe(token) + ".");
  }

  private static int parseIntOrFail(String text, String field) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new ProxyException(ErrorCode.BAD_REQUEST, field + " is out of range: " + text, e);
    }
  }

  /** Accepts any scalar for a string field, as Jackson's default coercion does; objects and arrays are 400. */
  private static void requireScalar(JsonParser parser, JsonToken token, String field) throws IOException {
    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      skip(parser);
      throw new ProxyException(ErrorCode.BAD_REQUEST, field + " must be a string, not " + describe(token) + ".");
    }
  }

  private static void skip(JsonParser parser) throws IOException {
    parser.skipChildren();
  }

  private static ProxyException unrecognized(String field) {
    return new ProxyException(ErrorCode.UNPROCESSABLE_ENTITY, "Unrecognized field: " + field);
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.asString() == null ? token.name() : token.asString();
    };
  }
}
