package dev.kafkarest.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentSourceTest {
  @ParameterizedTest
  @CsvSource({
      "KAFKA_REST_BOOTSTRAP_SERVERS, bootstrap.servers",
      "KAFKA_REST_CONSUMER_REQUEST_TIMEOUT_MS, consumer.request.timeout.ms",
      "KAFKA_REST_CLIENT_SASL_JAAS_CONFIG, client.sasl.jaas.config",
      "KAFKA_REST_PRODUCER_A__B, producer.a_b",
      "KAFKA_REST_PRODUCER_A___B, producer.a-b",
      "KAFKA_REST_X____Y, x-.y",
      "KAFKA_REST_X_____Y, x-_y"
  })
  void keyOf_variable_followsConfluentMapping(String variable, String key) {
    assertEquals(key, EnvironmentSource.keyOf(variable));
  }

  @Test
  void of_environment_keepsOnlyKafkaRestVariablesAsKeys() {
    EnvironmentSource source = EnvironmentSource.of(Map.of(
        "PATH", "/usr/bin",
        "KAFKA_OPTS", "-Xmx1g",
        "KAFKA_REST_ID", "env-id",
        "KAFKA_REST_PRODUCER_ACKS", "all"));

    assertEquals(Map.of("id", "env-id", "producer.acks", "all"), source.values());
  }

  @ParameterizedTest
  @ValueSource(strings = {"KAFKA_REST_OPTS", "KAFKA_REST_HEAP_OPTS", "KAFKA_REST_JVM_PERFORMANCE_OPTS",
      "KAFKA_REST_LOG4J_OPTS", "KAFKA_REST_JMX_OPTS", "KAFKA_REST_LOG_DIR", "KAFKA_REST_CLASSPATH", "KAFKA_REST_DEBUG"})
  void of_startScriptVariable_isIgnored(String variable) {
    assertEquals(Map.of(), EnvironmentSource.of(Map.of(variable, "-Dx=y")).values());
  }

  @ParameterizedTest
  @ValueSource(strings = {"KAFKA_REST_PORT", "KAFKA_REST_PORT_8082_TCP", "KAFKA_REST_PORT_8082_TCP_ADDR",
      "KAFKA_REST_PORT_8082_UDP_PORT", "KAFKA_REST_SERVICE_HOST", "KAFKA_REST_SERVICE_PORT",
      "KAFKA_REST_SERVICE_PORT_HTTP"})
  void of_kubernetesServiceLinkVariable_isIgnored(String variable) {
    assertEquals(Map.of(), EnvironmentSource.of(Map.of(variable, "10.0.0.7")).values());
  }

  @Test
  void attribute_unknownKeySetByVariable_namesTheVariable() {
    EnvironmentSource source = EnvironmentSource.of(Map.of("KAFKA_REST_BOOTSTRAP_SERVER", "b:9092"));

    InvalidConfigException attributed =
        source.attribute(new InvalidConfigException("Unknown setting 'bootstrap.server'. See docs/configuration.md."));

    assertEquals("Unknown setting 'bootstrap.server'. See docs/configuration.md. (set by environment variable "
        + "KAFKA_REST_BOOTSTRAP_SERVER)", attributed.getMessage());
  }

  @Test
  void attribute_invalidValueSetByVariable_namesTheVariable() {
    EnvironmentSource source = EnvironmentSource.of(Map.of("KAFKA_REST_METADATA_TIMEOUT_MS", "soon"));

    InvalidConfigException attributed = source.attribute(new InvalidConfigException(
        "Invalid setting: Invalid value soon for configuration metadata.timeout.ms: Not a number of type INT"));

    assertEquals("Invalid setting: Invalid value soon for configuration metadata.timeout.ms: Not a number of type "
        + "INT (set by environment variable KAFKA_REST_METADATA_TIMEOUT_MS)", attributed.getMessage());
  }

  @Test
  void attribute_errorAboutAnotherKey_returnsTheErrorUnchanged() {
    EnvironmentSource source = EnvironmentSource.of(Map.of("KAFKA_REST_ID", "node-1"));
    InvalidConfigException error = new InvalidConfigException("Unknown setting 'not.a.setting'.");

    assertSame(error, source.attribute(error));
  }

  @Test
  void attribute_keyThatIsPrefixOfTheNamedKey_isNotBlamed() {
    EnvironmentSource source = EnvironmentSource.of(Map.of("KAFKA_REST_CONSUMER_REQUEST", "x"));
    InvalidConfigException error = new InvalidConfigException(
        "Invalid setting: Invalid value x for configuration consumer.request.timeout.ms: Not a number of type INT");

    assertSame(error, source.attribute(error));
  }
}
