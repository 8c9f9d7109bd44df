package dev.kafkarest.core.produce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.format.RecordCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProduceRequestParserTest {
  private static final RecordCodec BINARY = RecordCodec.of(EmbeddedFormat.BINARY);
  private static final RecordCodec JSON = RecordCodec.of(EmbeddedFormat.JSON);

  @Test
  void parse_binaryRecords_decodesKeysValuesAndPartitionsInOrder() {
    List<ProduceRecord> records = parse(BINARY, """
        {"records": [
          {"key": "a2V5", "value": "dmFsdWU=", "partition": 2},
          {"value": "dHdv"},
          {"key": null, "value": null, "partition": null}
        ]}""");

    assertEquals(3, records.size());
    assertArrayEquals(bytes("key"), records.get(0).key());
    assertArrayEquals(bytes("value"), records.get(0).value());
    assertEquals(2, records.get(0).partition());
    assertNull(records.get(1).key());
    assertArrayEquals(bytes("two"), records.get(1).value());
    assertNull(records.get(1).partition());
    assertNull(records.get(2).key());
    assertNull(records.get(2).value());
    assertNull(records.get(2).partition());
  }

  @Test
  void parse_jsonRecords_storesCompactJsonWithExactNumbers() {
    List<ProduceRecord> records = parse(JSON, """
        {"records": [{"key": "k", "value": {"price": 1.10, "tags": [ "a" , "b" ]}}, {"value": 12}]}""");

    assertArrayEquals(bytes("\"k\""), records.get(0).key());
    assertArrayEquals(bytes("{\"price\":1.10,\"tags\":[\"a\",\"b\"]}"), records.get(0).value());
    assertArrayEquals(bytes("12"), records.get(1).value());
  }

  @Test
  void parse_manyJsonRecords_eachStoresOnlyItsOwnValue() {
    List<ProduceRecord> records = parse(JSON, """
        {"records": [
          {"key": {"id": 1}, "value": [1.10, -0, 1e400, 0.0000001, 123456789012345678901234567890]},
          {"key": null, "value": "\\u00e9\\n"},
          {"key": 7, "value": {"nested": {"list": [{}, [], null, true]}}},
          {"value": -0.0}
        ]}""");

    assertEquals(4, records.size());
    assertArrayEquals(bytes("{\"id\":1}"), records.get(0).key());
    assertArrayEquals(bytes("[1.10,0,1E+400,1E-7,123456789012345678901234567890]"), records.get(0).value());
    assertNull(records.get(1).key());
    assertArrayEquals(bytes("\"\u00e9\\n\""), records.get(1).value());
    assertArrayEquals(bytes("7"), records.get(2).key());
    assertArrayEquals(bytes("{\"nested\":{\"list\":[{},[],null,true]}}"), records.get(2).value());
    assertArrayEquals(bytes("0.0"), records.get(3).value());
  }

  /** Valid JSON that BigDecimal cannot hold: stored as sent, never an unchecked NumberFormatException. */
  @Test
  void parse_jsonNumbersWithHugeExponents_storedAsSent() {
    List<ProduceRecord> records = parse(JSON, """
        {"records": [{"key": 1e2147483648, "value": 1e-2147483648},
                     {"value": {"a": [-1E-2147483649, 1e400]}}]}""");

    assertArrayEquals(bytes("1e2147483648"), records.get(0).key());
    assertArrayEquals(bytes("1e-2147483648"), records.get(0).value());
    assertArrayEquals(bytes("{\"a\":[-1E-2147483649,1E+400]}"), records.get(1).value());
  }

  @Test
  void parse_jsonNumberLongerThanJacksonAllows_throws400NamingTheLimitButNotJacksonsSetting() {
    ProxyException e = parseFailure(JSON, "{\"records\": [{\"value\": 1." + "5".repeat(1_000) + "}]}");

    assertSame(ErrorCode.BAD_REQUEST, e.errorCode());
    assertEquals("The request body is over a parser limit: Number value length (1001) exceeds the maximum allowed "
        + "(1000)", e.getMessage());
  }

  @Test
  void parse_truncatedBody_throws400WithoutTheStreamsClassName() {
    ProxyException e = parseFailure(JSON, "{\"records\": [");

    assertSame(ErrorCode.BAD_REQUEST, e.errorCode());
    assertEquals("Malformed JSON: Unexpected end-of-input: expected close marker for Array", e.getMessage());
  }

  @Test
  void parse_jsonValueBrokenAfterEarlierRecords_throws400() {
    ProxyException e = parseFailure(JSON, """
        {"records": [{"value": {"a": 1.5}}, {"value": {"b": [2.5, }}]}""");

    assertSame(ErrorCode.BAD_REQUEST, e.errorCode());
    assertTrue(e.getMessage().startsWith("Malformed JSON"), e.getMessage());
  }

  @Test
  void parse_schemaFieldsForSchemalessFormat_areAcceptedAndIgnored() {
    List<ProduceRecord> records = parse(BINARY, """
        {"key_schema": "\\"string\\"", "value_schema_id": 7, "key_schema_id": null, "value_schema": null,
         "records": [{"value": "YQ=="}]}""");

    assertEquals(1, records.size());
    assertArrayEquals(bytes("a"), records.get(0).value());
  }

  @Test
  void parse_schemaIdAsNumericString_isAccepted() {
    List<ProduceRecord> records = parse(BINARY, """
        {"value_schema_id": "7", "records": [{"value": "YQ=="}]}""");

    assertEquals(1, records.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "true", "\"{}\""})
  void parse_schemaTextAsAnyScalar_isAccepted(String schema) {
    List<ProduceRecord> records = parse(BINARY, "{\"key_schema\": " + schema + ", \"records\": [{\"value\": \"YQ==\"}]}");

    assertEquals(1, records.size());
  }

  @Test
  void parse_binaryValueWithInvalidJsonEscape_throws400MalformedJson() {
    ProxyException e = parseFailure(BINARY, "{\"records\": [{\"value\": \"YQ\\x==\"}]}");

    assertSame(ErrorCode.BAD_REQUEST, e.errorCode());
    assertTrue(e.getMessage().startsWith("Malformed JSON: "), e.getMessage());
  }

  @Test
  void parse_malformedJson_throws400() {
    ProxyException e = parseFailure(BINARY, "{\"records\": [");

    assertSame(ErrorCode.BAD_REQUEST, e.errorCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{records: []}", "{\"records\": [{\"value\": \"YQ==\"}]", "{\"records\" [] }",
      "{\"records\": [{\"value\": \"YQ==\"},]}"})
  void parse_invalidJsonSyntax_throws400(String body) {
    assertSame(ErrorCode.BAD_REQUEST, parseFailure(BINARY, body).errorCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "null", "{}", "{\"records\": []}", "{\"records\": null}",
      "{\"key_schema_id\": 3}"})
  void parse_missingOrEmptyRecords_throws422(String body) {
    ProxyException e = parseFailure(BINARY, body);

    assertSame(ErrorCode.UNPROCESSABLE_ENTITY, e.errorCode());
    assertEquals(422, e.errorCode().code());
  }

  @Test
  void parse_unknownTopLevelField_throws422UnrecognizedField() {
    ProxyException e = parseFailure(BINARY, "{\"records\": [{\"value\": \"YQ==\"}], \"x\": 1}");

    assertSame(ErrorCode.UNPROCESSABLE_ENTITY, e.errorCode());
    assertEquals("Unrecognized field: x", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"headers", "timestamp"})
  void parse_unknownRecordField_throws422UnrecognizedField(String field) {
    ProxyException e = parseFailure(BINARY, "{\"records\": [{\"value\": \"YQ==\", \"" + field + "\": 1}]}");

    assertSame(ErrorCode.UNPROCESSABLE_ENTITY, e.errorCode());
    assertEquals("Unrecognized field: " + field, e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "\"records\"", "1", "true"})
  void parse_recordsNotAnArray_throws400(String records) {
    ProxyException e = parseFailure(BINARY, "{\"records\": " + records + "}");

    assertSame(ErrorCode.BAD_REQUEST, e.errorCode());
    assertTrue(e.getMessage().startsWith("records must be an array"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"YQ==\"", "1", "[]", "null"})
  void parse_recordNotAnObject_throws400(String record) {
    ProxyException e = parseFailure(BINARY, "{\"records\": [" + record + "]}");

    assertSame(ErrorCode.BAD_REQUEST, e.errorCode());
    assertTrue(e.getMessage().startsWith("records[0] must be an object"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"[]\"", "1"})
  void parse_bodyNotAnObject_throws400(String body) {
    assertSame(ErrorCode.BAD_REQUEST, parseFailure(BINARY, body).errorCode());
  }

  @Test
  void parse_binaryValueNotAString_throws400NotABase64String() {
    ProxyException e = parseFailure(BINARY, "{\"records\": [{\"value\": \"YQ==\"}, {\"value\": {\"a\": 1}}]}");

    assertSame(ErrorCode.BAD_REQUEST, e.errorCode());
    assertEquals("Bad Request: records[1].value is not a base64 string.", e.getMessage());
  }

  @Test
  void parse_binaryKeyNotAString_throws400NamingTheKey() {
    ProxyException e = parseFailure(BINARY, "{\"records\": [{\"key\": 5}]}");

    assertSame(ErrorCode.BAD_REQUEST, e.errorCode());
    assertEquals("Bad Request: records[0].key is not a base64 string.", e.getMessage());
  }

  @Test
  void parse_invalidBase64_throws400NotAValidBase64String() {
    ProxyException e = parseFailure(BINARY, "{\"records\": [{\"value\": \"!!!\"}]}");

    assertSame(ErrorCode.BAD_REQUEST, e.errorCode());
    assertEquals("Bad Request: records[0].value is not a valid base64 string.", e.getMessage());
  }

  @Test
  void parse_base64WithoutPadding_isAccepted() {
    List<ProduceRecord> records = parse(BINARY, "{\"records\": [{\"key\": \"YQ\", \"value\": \"YWI\"}]}");

    assertArrayEquals(bytes("a"), records.get(0).key());
    assertArrayEquals(bytes("ab"), records.get(0).value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "\"-1\"", "-2147483648"})
  void parse_negativePartition_throws422(String partition) {
    ProxyException e = parseFailure(BINARY, "{\"records\": [{\"value\": \"YQ==\", \"partition\": " + partition + "}]}");

    assertSame(ErrorCode.UNPROCESSABLE_ENTITY, e.errorCode());
  }

  @Test
  void parse_partitionAsNumericString_isAccepted() {
    List<ProduceRecord> records = parse(BINARY, "{\"records\": [{\"value\": \"YQ==\", \"partition\": \"3\"}]}");

    assertEquals(3, records.get(0).partition());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"abc\"", "1.5", "true", "{}", "[1]", "2147483648", "\"2147483648\""})
  void parse_partitionNotAnInt_throws400(String partition) {
    ProxyException e = parseFailure(BINARY, "{\"records\": [{\"value\": \"YQ==\", \"partition\": " + partition + "}]}");

    assertSame(ErrorCode.BAD_REQUEST, e.errorCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"key_schema\": {}}", "{\"value_schema\": [1]}", "{\"key_schema_id\": \"abc\"}",
      "{\"value_schema_id\": {}}"})
  void parse_schemaFieldOfWrongShape_throws400(String prefix) {
    String body = prefix.substring(0, prefix.length() - 1) + ", \"records\": [{\"value\": \"YQ==\"}]}";

    assertSame(ErrorCode.BAD_REQUEST, parseFailure(BINARY, body).errorCode());
  }

  @Test
  void parse_trailingContentAfterObject_throws400() {
    assertSame(ErrorCode.BAD_REQUEST,
        parseFailure(BINARY, "{\"records\": [{\"value\": \"YQ==\"}]} {}").errorCode());
  }

  @Test
  void parse_unreadableStream_throws400() {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("connection reset");
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        throw new IOException("connection reset");
      }
    };

    ProxyException e = assertThrows(ProxyException.class, () -> ProduceRequestParser.parse(broken, BINARY));

    assertSame(ErrorCode.BAD_REQUEST, e.errorCode());
  }

  private static List<ProduceRecord> parse(RecordCodec codec, String body) {
    return ProduceRequestParser.parse(new ByteArrayInputStream(bytes(body)), codec);
  }

  private static ProxyException parseFailure(RecordCodec codec, String body) {
    return assertThrows(ProxyException.class, () -> parse(codec, body));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
