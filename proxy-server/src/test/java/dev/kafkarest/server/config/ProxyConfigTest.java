package dev.kafkarest.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyConfigTest {
  @TempDir Path dir;

  @Test
  void of_noSettings_usesDefaults() {
    ProxyConfig config = ProxyConfig.of(Map.of());

    assertEquals("", config.id());
    assertEquals(URI.create("http://0.0.0.0:8082"), config.listener());
    assertEquals(List.of(), config.advertisedListeners());
    assertEquals("", config.hostName());
    assertEquals("", config.bootstrapServers());
    assertEquals(16L * 1024 * 1024, config.requestBodyMaxBytes());
    assertEquals(10_000, config.maxInflightRequests());
    assertTrue(config.httpThreads() >= 8);
    assertTrue(config.responseThreads() >= 2);
    assertEquals(Duration.ofSeconds(5), config.metadataTimeout());
    assertEquals(Duration.ofSeconds(30), config.metadataCacheTtl());
    assertEquals(Duration.ofSeconds(5), config.shutdownGrace());
    assertEquals(Path.of("data/kafka"), config.embeddedKafkaDir());
    assertEquals(9092, config.embeddedKafkaPort());
    assertEquals(9093, config.embeddedKafkaControllerPort());
    assertEquals(Map.of(), config.producerSettings());
    assertEquals(Map.of(), config.consumerSettings());
    assertEquals(Map.of(), config.adminSettings());
  }

  @Test
  void of_explicitSettings_overrideDefaults() {
    ProxyConfig config = ProxyConfig.of(Map.of(
        "id", "node-1",
        "listeners", "http://127.0.0.1:0",
        "advertised.listeners", "https://proxy.example.com:443,http://proxy.example.com:80",
        "bootstrap.servers", " broker:9092 ",
        "metadata.timeout.ms", "2500",
        "metadata.cache.ms", "0"));

    assertEquals("node-1", config.id());
    assertEquals(URI.create("http://127.0.0.1:0"), config.listener());
    assertEquals(List.of(URI.create("https://proxy.example.com:443"), URI.create("http://proxy.example.com:80")),
        config.advertisedListeners());
    assertEquals("broker:9092", config.bootstrapServers());
    assertEquals(Duration.ofMillis(2500), config.metadataTimeout());
    assertEquals(Duration.ZERO, config.metadataCacheTtl());
  }

  @Test
  void load_propertiesFile_readsTrimmedSettings() throws IOException {
    Path file = write("""
        # comment
        id = node-7  \t
        bootstrap.servers=kafka-1:9092,kafka-2:9092
        producer.acks=1
        """);

    ProxyConfig config = ProxyConfig.load(file, Map.of());

    assertEquals("node-7", config.id());
    assertEquals("kafka-1:9092,kafka-2:9092", config.bootstrapServers());
    assertEquals(Map.of("acks", "1"), config.producerSettings());
  }

  @Test
  void load_environmentBootstrapServers_setsBootstrapServers() {
    ProxyConfig config = ProxyConfig.load(null, Map.of("KAFKA_REST_BOOTSTRAP_SERVERS", "env-broker:9092"));

    assertEquals("env-broker:9092", config.bootstrapServers());
  }

  @Test
  void load_fileAndEnvironment_environmentWins() throws IOException {
    Path file = write("bootstrap.servers=file-broker:9092\nid=from-file\n");

    ProxyConfig config = ProxyConfig.load(file, Map.of("KAFKA_REST_BOOTSTRAP_SERVERS", "env-broker:9092"));

    assertEquals("env-broker:9092", config.bootstrapServers());
    assertEquals("from-file", config.id());
  }

  @Test
  void load_unrelatedAndScriptVariables_areIgnored() {
    ProxyConfig config = ProxyConfig.load(null, Map.of(
        "PATH", "/usr/bin",
        "KAFKA_OPTS", "-Xmx1g",
        "KAFKA_REST_HEAP_OPTS", "-Xmx1g",
        "KAFKA_REST_OPTS", "-Dx=y",
        "KAFKA_REST_LOG4J_OPTS", "-Dlog4j=x",
        "KAFKA_REST_ID", "env-id"));

    assertEquals("env-id", config.id());
  }

  @Test
  void load_environmentPassThrough_mapsUnderscoresLikeConfluent() {
    ProxyConfig config = ProxyConfig.load(null, Map.of(
        "KAFKA_REST_CLIENT_SASL_JAAS_CONFIG", "jaas",
        "KAFKA_REST_CONSUMER_MAX_POLL_RECORDS", "10",
        "KAFKA_REST_PRODUCER_SOME__UNDER___DASH", "x"));

    assertEquals("jaas", config.adminSettings().get("sasl.jaas.config"));
    assertEquals("10", config.consumerSettings().get("max.poll.records"));
    assertEquals("x", config.producerSettings().get("some_under-dash"));
  }

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
  void settingName_environmentVariable_followsConfluentMapping(String variable, String setting) {
    assertEquals(setting, ProxyConfig.settingName(variable));
  }

  @Test
  void load_missingFile_failsNamingTheFile() {
    Path missing = dir.resolve("nope.properties");

    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ProxyConfig.load(missing, Map.of()));

    assertTrue(e.getMessage().contains("nope.properties"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bootstrap.server", "listener", "port", "schema.registry.urls", "producer.", "consumer.",
      "client.", "admin."})
  void of_unknownKey_failsNamingTheKey(String key) {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ProxyConfig.of(Map.of(key, "1")));

    assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
  }

  @Test
  void load_unknownEnvironmentKey_failsNamingTheMappedKey() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> ProxyConfig.load(null, Map.of("KAFKA_REST_BOOTSTRAP_SERVER", "b:9092")));

    assertTrue(e.getMessage().contains("bootstrap.server"), e.getMessage());
    assertTrue(e.getMessage().contains("KAFKA_REST_BOOTSTRAP_SERVER"), e.getMessage());
  }

  @Test
  void load_invalidEnvironmentValue_namesTheVariable() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> ProxyConfig.load(null, Map.of("KAFKA_REST_METADATA_TIMEOUT_MS", "soon")));

    assertTrue(e.getMessage().contains("metadata.timeout.ms"), e.getMessage());
    assertTrue(e.getMessage().contains("KAFKA_REST_METADATA_TIMEOUT_MS"), e.getMessage());
  }

  @Test
  void load_kubernetesServiceLinkVariables_areIgnored() {
    ProxyConfig config = ProxyConfig.load(null, Map.of(
        "KAFKA_REST_PORT", "tcp://10.0.0.7:8082",
        "KAFKA_REST_PORT_8082_TCP_ADDR", "10.0.0.7",
        "KAFKA_REST_SERVICE_HOST", "10.0.0.7",
        "KAFKA_REST_SERVICE_PORT", "8082",
        "KAFKA_REST_BOOTSTRAP_SERVERS", "b:9092"));

    assertEquals("b:9092", config.bootstrapServers());
  }

  @Test
  void load_unknownKeyInFile_failsNamingTheKey() throws IOException {
    Path file = write("bootstrap.servers=b:9092\nnot.a.setting=1\n");

    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ProxyConfig.load(file, Map.of()));

    assertTrue(e.getMessage().contains("not.a.setting"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
      "http.threads, abc",
      "http.threads, 0",
      "metadata.timeout.ms, 5",
      "request.body.max.bytes, 10",
      "embedded.kafka.port, 70000",
      "consumer.instance.timeout.ms, soon",
      "listeners, ftp://0.0.0.0:8082",
      "listeners, https://0.0.0.0:8443",
      "listeners, not a url",
      "listeners, '/relative'",
      "listeners, 'http://a:1,http://b:2'",
      "advertised.listeners, 'proxy.example.com:8082'"
  })
  void of_invalidValue_failsNamingTheKey(String key, String value) {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ProxyConfig.of(Map.of(key, value)));

    assertTrue(e.getMessage().contains(key), e.getMessage());
  }

  @Test
  void producerSettings_clientAndProducerPrefixes_producerWins() {
    ProxyConfig config = ProxyConfig.of(Map.of(
        "client.security.protocol", "SASL_SSL",
        "client.acks", "0",
        "producer.acks", "all",
        "consumer.max.poll.records", "10",
        "admin.retries", "3"));

    assertEquals(Map.of("security.protocol", "SASL_SSL", "acks", "all"), config.producerSettings());
  }

  @Test
  void adminSettings_clientAndAdminPrefixes_onlyThose() {
    ProxyConfig config = ProxyConfig.of(Map.of(
        "client.security.protocol", "SASL_SSL",
        "producer.acks", "all",
        "admin.retries", "3"));

    assertEquals(Map.of("security.protocol", "SASL_SSL", "retries", "3"), config.adminSettings());
  }

  @Test
  void consumerSettings_clientAndConsumerPrefixes_onlyThose() {
    ProxyConfig config = ProxyConfig.of(Map.of(
        "client.security.protocol", "SASL_SSL",
        "client.max.poll.records", "100",
        "consumer.max.poll.records", "10",
        "producer.acks", "all"));

    assertEquals(Map.of("security.protocol", "SASL_SSL", "max.poll.records", "10"), config.consumerSettings());
  }

  @Test
  void consumerSettings_proxyOwnConsumerSettings_areNotPassedThrough() {
    ProxyConfig config = ProxyConfig.of(Map.of(
        "consumer.request.timeout.ms", "500",
        "consumer.request.max.bytes", "1024",
        "consumer.instance.timeout.ms", "60000",
        "consumer.iterator.backoff.ms", "10",
        "consumer.threads", "4",
        "consumer.session.timeout.ms", "12000"));

    Map<String, Object> settings = config.consumerSettings();

    assertEquals(Map.of("session.timeout.ms", "12000"), settings);
    assertFalse(settings.containsKey("request.timeout.ms"));
    assertFalse(settings.containsKey("instance.timeout.ms"));
    assertFalse(settings.containsKey("threads"));
  }

  @Test
  void withBootstrapServers_copy_setsBootstrapAndKeepsOtherSettings() {
    ProxyConfig original = ProxyConfig.of(Map.of("id", "node-1", "producer.acks", "1"));

    ProxyConfig copy = original.withBootstrapServers("127.0.0.1:19092");

    assertEquals("127.0.0.1:19092", copy.bootstrapServers());
    assertEquals("node-1", copy.id());
    assertEquals(Map.of("acks", "1"), copy.producerSettings());
    assertEquals("", original.bootstrapServers());
  }

  @Test
  void with_invalidValue_failsNamingTheKey() {
    ProxyConfig config = ProxyConfig.of(Map.of());

    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> config.with("http.threads", "-1"));

    assertTrue(e.getMessage().contains("http.threads"), e.getMessage());
  }

  private Path write(String properties) throws IOException {
    Path file = dir.resolve("kafka-rest.properties");
    Files.writeString(file, properties, StandardCharsets.UTF_8);
    return file;
  }
}
