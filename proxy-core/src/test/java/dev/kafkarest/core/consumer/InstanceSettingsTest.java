package dev.kafkarest.core.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.format.EmbeddedFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InstanceSettingsTest {

  @Test
  void fromRequest_nothingGiven_isBinaryWithProxyDefaults() {
    InstanceSettings settings = InstanceSettings.fromRequest(null, null, null, null, null);

    assertEquals(new InstanceSettings(EmbeddedFormat.BINARY, null, null, null, null), settings);
  }

  @Test
  void fromRequest_everyField_isParsed() {
    InstanceSettings settings = InstanceSettings.fromRequest("JSON", "earliest", " FALSE ", 1024, 500);

    assertEquals(new InstanceSettings(EmbeddedFormat.JSON, "earliest", false, 1024, 500), settings);
  }

  @ParameterizedTest
  @CsvSource({"smallest, earliest", "LARGEST, latest", "latest, latest", "none, none", "bad-config, bad-config"})
  void fromRequest_autoOffsetReset_mapsLegacyNamesAndLeavesTheRestToKafka(String given, String expected) {
    assertEquals(expected, InstanceSettings.fromRequest(null, given, null, null, null).autoOffsetReset());
  }

  @Test
  void fromRequest_autoCommitTrue_isTrue() {
    assertEquals(Boolean.TRUE, InstanceSettings.fromRequest(null, null, "True", null, null).autoCommit());
    assertNull(InstanceSettings.fromRequest(null, null, null, null, null).autoCommit());
  }

  @ParameterizedTest
  @ValueSource(strings = {"maybe", "1", "", "yes"})
  void fromRequest_autoCommitNeitherTrueNorFalse_throws42204NamingIt(String value) {
    ProxyException e = assertThrows(ProxyException.class,
        () -> InstanceSettings.fromRequest(null, null, value, null, null));

    assertSame(ErrorCode.INVALID_CONSUMER_CONFIG, e.errorCode());
    assertEquals("Invalid consumer configuration: Invalid value " + value + " for configuration auto.commit.enable: "
        + "Expected value to be either true or false", e.getMessage());
  }

  @Test
  void fromRequest_unknownFormat_throws422InvalidFormatType() {
    ProxyException e = assertThrows(ProxyException.class,
        () -> InstanceSettings.fromRequest("xml", null, null, null, null));

    assertSame(ErrorCode.UNPROCESSABLE_ENTITY, e.errorCode());
    assertEquals("Invalid format type.", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"avro", "jsonschema", "protobuf"})
  void construct_schemaFormat_throws42206(String format) {
    ProxyException e = assertThrows(ProxyException.class,
        () -> new InstanceSettings(EmbeddedFormat.fromName(format), null, null, null, null));

    assertSame(ErrorCode.SCHEMA_REGISTRY_NOT_CONFIGURED, e.errorCode());
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 0, 1, InstanceSettings.FETCH_MIN_BYTES_MAX})
  void construct_fetchMinBytesInRange_isKept(int fetchMinBytes) {
    assertEquals(fetchMinBytes,
        new InstanceSettings(EmbeddedFormat.BINARY, null, null, fetchMinBytes, null).fetchMinBytes());
  }

  @ParameterizedTest
  @ValueSource(ints = {-2, -10, InstanceSettings.FETCH_MIN_BYTES_MAX + 1})
  void construct_fetchMinBytesOutOfRange_throws40001WithKafkasWording(int fetchMinBytes) {
    ProxyException e = assertThrows(ProxyException.class,
        () -> new InstanceSettings(EmbeddedFormat.BINARY, null, null, fetchMinBytes, null));

    assertSame(ErrorCode.INVALID_CONSUMER_CONFIG_CONSTRAINT, e.errorCode());
    assertEquals(422, e.errorCode().httpStatus());
    assertEquals("Invalid consumer configuration. It does not abide by the constraints: Invalid value " + fetchMinBytes
        + " for configuration fetch.min.bytes: Value must be between -1 and 10000000", e.getMessage());
  }

  @Test
  void construct_negativeRequestTimeout_throws42204() {
    ProxyException e = assertThrows(ProxyException.class,
        () -> new InstanceSettings(EmbeddedFormat.BINARY, null, null, null, -1));

    assertSame(ErrorCode.INVALID_CONSUMER_CONFIG, e.errorCode());
    assertEquals("Invalid consumer configuration: Invalid value -1 for configuration consumer.request.timeout.ms: "
        + "Value must be at least 0", e.getMessage());
  }

  @Test
  void fromRequest_severalFieldsWrong_namesTheFirstInFormatFetchTimeoutAutoCommitOrder() {
    assertSame(ErrorCode.UNPROCESSABLE_ENTITY, assertThrows(ProxyException.class,
        () -> InstanceSettings.fromRequest("xml", null, "maybe", -5, -1)).errorCode());
    assertSame(ErrorCode.INVALID_CONSUMER_CONFIG_CONSTRAINT, assertThrows(ProxyException.class,
        () -> InstanceSettings.fromRequest(null, null, "maybe", -5, -1)).errorCode());
    ProxyException timeout = assertThrows(ProxyException.class,
        () -> InstanceSettings.fromRequest(null, null, "maybe", null, -1));
    assertTrue(timeout.getMessage().contains("consumer.request.timeout.ms"), timeout.getMessage());
  }
}
