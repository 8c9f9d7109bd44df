package dev.kafkarest.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.validation.ProduceValidationSettings.SchemaFile;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProduceValidationSettingsTest {

  @Test
  void from_noSettings_usesDefaults() {
    ProduceValidationSettings settings = ProduceValidationSettings.from(Map.of("bootstrap.servers", "b:9092"));

    assertEquals(10_000, settings.maxRecords());
    assertFalse(settings.hasSchemas());
  }

  @Test
  void from_schemaKeys_mapTopicsAndPrefixesToFiles() {
    ProduceValidationSettings settings = ProduceValidationSettings.from(Map.of(
        "produce.records.max", "500",
        "produce.value.schema.topic.orders", " /etc/kafka-rest/orders.schema.json ",
        "produce.value.schema.prefix.sensors-", "/etc/kafka-rest/sensor.schema.json"));

    assertEquals(500, settings.maxRecords());
    assertEquals(Map.of("orders", new SchemaFile("produce.value.schema.topic.orders",
        Path.of("/etc/kafka-rest/orders.schema.json"))), settings.topicSchemas());
    assertEquals(Map.of("sensors-", new SchemaFile("produce.value.schema.prefix.sensors-",
        Path.of("/etc/kafka-rest/sensor.schema.json"))), settings.prefixSchemas());
    assertTrue(settings.hasSchemas());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1000001", "many"})
  void from_recordsMaxOutOfRange_failsNamingTheKey(String value) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ProduceValidationSettings.from(Map.of("produce.records.max", value)));

    assertTrue(e.getMessage().contains("produce.records.max"), e.getMessage());
  }

  @Test
  void from_illegalTopicInKey_failsNamingTheKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ProduceValidationSettings.from(Map.of("produce.value.schema.topic.a*b", "/s.json")));

    assertEquals("produce.value.schema.topic.a*b: 'a*b' is not a legal topic name (1 to 249 of [a-zA-Z0-9._-]).",
        e.getMessage());
  }

  @Test
  void from_emptyPrefix_failsNamingTheKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ProduceValidationSettings.from(Map.of("produce.value.schema.prefix.", "/s.json")));

    assertTrue(e.getMessage().startsWith("produce.value.schema.prefix.: "), e.getMessage());
  }

  @Test
  void from_emptyFileName_failsNamingTheKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ProduceValidationSettings.from(Map.of("produce.value.schema.topic.orders", " ")));

    assertEquals("produce.value.schema.topic.orders: the schema file name is empty.", e.getMessage());
  }

  @Test
  void from_unknownSchemaKey_failsNamingTheKeyAndTheRightForms() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ProduceValidationSettings.from(Map.of("produce.value.schema.topics.orders", "/s.json")));

    assertTrue(e.getMessage().startsWith("produce.value.schema.topics.orders: unknown key; use "
        + "produce.value.schema.topic.<topic> or produce.value.schema.prefix.<prefix>"), e.getMessage());
  }

  @Test
  void isSchemaKey_onlyTheSchemaKeys() {
    assertTrue(ProduceValidationConfigKeys.isSchemaKey("produce.value.schema.topic.orders"));
    assertFalse(ProduceValidationConfigKeys.isSchemaKey("produce.records.max"));
    assertFalse(ProduceValidationConfigKeys.isSchemaKey("producer.acks"));
  }
}
