package dev.kafkarest.core.consumer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings records that carry Kafka client properties print their names, never their values. */
class SettingsToStringTest {
  private static final Map<String, Object> CLIENT = Map.of("bootstrap.servers", "kafka:9092", "sasl.jaas.config",
      "org.apache.kafka.common.security.plain.PlainLoginModule required username=u password=jaas-secret;");

  @Test
  void registrySettings_toString_namesTheConsumerSettingsOnly() {
    String shown = new RegistrySettings(CLIENT, Duration.ofMinutes(5), Duration.ofSeconds(1), 1024, -1,
        Duration.ofMillis(50), Duration.ofSeconds(1), 10, 16).toString();

    assertTrue(shown.contains("sasl.jaas.config") && shown.contains("maxInstances=10"), shown);
    assertFalse(shown.contains("jaas-secret") || shown.contains("kafka:9092"), shown);
  }

  @Test
  void partitionReadSettings_toString_namesTheConsumerPropertiesOnly() {
    String shown = new PartitionReadSettings(CLIENT, 4, 10, Duration.ofSeconds(1), 1024, 100, Duration.ofMillis(50))
        .toString();

    assertTrue(shown.contains("sasl.jaas.config") && shown.contains("poolSize=4"), shown);
    assertFalse(shown.contains("jaas-secret"), shown);
  }
}
