package dev.kafkarest.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedFormatTest {

  @ParameterizedTest
  @CsvSource({
      "binary, BINARY", "BINARY, BINARY", "Json, JSON", "avro, AVRO", "jsonschema, JSONSCHEMA",
      "protobuf, PROTOBUF"
  })
  void fromName_knownNameInAnyCase_returnsFormat(String name, EmbeddedFormat expected) {
    assertSame(expected, EmbeddedFormat.fromName(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "string", "json-schema", "bin"})
  void fromName_unknownName_throws422InvalidFormatType(String name) {
    ProxyException e = assertThrows(ProxyException.class, () -> EmbeddedFormat.fromName(name));

    assertSame(ErrorCode.UNPROCESSABLE_ENTITY, e.errorCode());
    assertEquals("Invalid format type.", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(EmbeddedFormat.class)
  void wireName_anyFormat_roundTripsThroughFromName(EmbeddedFormat format) {
    assertSame(format, EmbeddedFormat.fromName(format.wireName()));
  }

  @Test
  void requiresSchema_schemaFormats_true() {
    assertFalse(EmbeddedFormat.BINARY.requiresSchema());
    assertFalse(EmbeddedFormat.JSON.requiresSchema());
    assertTrue(EmbeddedFormat.AVRO.requiresSchema());
    assertTrue(EmbeddedFormat.JSONSCHEMA.requiresSchema());
    assertTrue(EmbeddedFormat.PROTOBUF.requiresSchema());
  }

  @ParameterizedTest
  @EnumSource(value = EmbeddedFormat.class, names = {"AVRO", "JSONSCHEMA", "PROTOBUF"})
  void requireSupported_schemaFormat_throws42206(EmbeddedFormat format) {
    ProxyException e = assertThrows(ProxyException.class, format::requireSupported);

    assertSame(ErrorCode.SCHEMA_REGISTRY_NOT_CONFIGURED, e.errorCode());
    assertEquals(42206, e.errorCode().code());
  }

  @ParameterizedTest
  @EnumSource(value = EmbeddedFormat.class, names = {"BINARY", "JSON"})
  void requireSupported_schemalessFormat_returnsItself(EmbeddedFormat format) {
    assertSame(format, format.requireSupported());
  }

  @Test
  void recordCodecOf_binaryAndJson_returnsTheirCodecs() {
    assertSame(BinaryCodec.INSTANCE, RecordCodec.of(EmbeddedFormat.BINARY));
    assertSame(JsonCodec.INSTANCE, RecordCodec.of(EmbeddedFormat.JSON));
  }

  @ParameterizedTest
  @EnumSource(value = EmbeddedFormat.class, names = {"AVRO", "JSONSCHEMA", "PROTOBUF"})
  void recordCodecOf_schemaFormat_throws42206(EmbeddedFormat format) {
    ProxyException e = assertThrows(ProxyException.class, () -> RecordCodec.of(format));

    assertSame(ErrorCode.SCHEMA_REGISTRY_NOT_CONFIGURED, e.errorCode());
  }
}
