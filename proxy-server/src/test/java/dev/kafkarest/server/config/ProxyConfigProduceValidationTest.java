package dev.kafkarest.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The produce-validation keys are part of the proxy's settings (see {@code server.validation}). */
class ProxyConfigProduceValidationTest {

  @Test
  void of_produceValidationKeys_areAcceptedAndKeptAsGiven() {
    Map<String, String> settings = Map.of(
        "produce.records.max", "100",
        "produce.value.schema.topic.orders", "/etc/kafka-rest/orders.schema.json",
        "produce.value.schema.prefix.sensors-", "/etc/kafka-rest/sensor.schema.json");

    assertEquals(settings, ProxyConfig.of(settings).originals());
  }

  @Test
  void of_malformedSchemaKey_isRefusedNamingIt() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> ProxyConfig.of(Map.of("produce.value.schema.topic.a/b", "/s.json")));

    assertTrue(e.getMessage().startsWith("Invalid setting: produce.value.schema.topic.a/b: "), e.getMessage());
  }

  @Test
  void of_recordsMaxOutOfRange_isRefusedNamingIt() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> ProxyConfig.of(Map.of("produce.records.max", "0")));

    assertTrue(e.getMessage().contains("produce.records.max"), e.getMessage());
  }

  @Test
  void load_schemaKeyFromEnvironment_mapsTopicCharacters() {
    ProxyConfig config = ProxyConfig.load(null, Map.of(
        "KAFKA_REST_PRODUCE_VALUE_SCHEMA_PREFIX_SENSORS___EU__", "/etc/kafka-rest/sensor.schema.json"));

    assertEquals("/etc/kafka-rest/sensor.schema.json", config.originals().get("produce.value.schema.prefix.sensors-eu_"));
  }
}
