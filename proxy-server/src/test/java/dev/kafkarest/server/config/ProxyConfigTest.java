package dev.kafkarest.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.consumer.RegistrySettings;
import dev.kafkarest.server.tls.ClientAuthentication;
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
  void apiV3Enable_defaultAndConfluentKey_onUnlessSwitchedOff() {
    assertTrue(ProxyConfig.of(Map.of()).apiV3Enabled());
    assertEquals(false, ProxyConfig.of(Map.of("api.v3.enable", "false")).apiV3Enabled());
  }

  @Test
  void of_noSettings_usesDefaults() {
    ProxyConfig config = ProxyConfig.of(Map.of());

    assertEquals("", config.id());
    assertEquals("", config.bootstrapServers());
    assertEquals(Duration.ofSeconds(5), config.metadataTimeout());
    assertEquals(Duration.ofSeconds(30), config.metadataCacheTtl());
    assertEquals(Duration.ofSeconds(5), config.shutdownGrace());
    HttpSettings http = config.http();
    assertEquals(List.of(URI.create("http://0.0.0.0:8082")), http.listeners());
    assertEquals(URI.create("http://0.0.0.0:8082"), http.listeners().get(0));
    assertEquals(List.of(), http.advertisedListeners());
    assertEquals("", http.hostName());
    assertEquals(16L * 1024 * 1024, http.requestBodyMaxBytes());
    assertEquals(10_000, http.maxInflightRequests());
    assertTrue(http.threads() >= 8);
    assertTrue(http.responseThreads() >= 2);
    assertEquals(new CorsSettings(List.of(), List.of("GET", "POST", "DELETE", "OPTIONS", "HEAD"), List.of(),
        List.of()),
        config.cors());
    assertEquals(new EmbeddedKafkaSettings(Path.of("data/kafka"), 9092, 9093), config.embeddedKafka());
    assertEquals(Map.of(), config.clients().producer());
    assertEquals(Map.of(), config.clients().consumer());
    assertEquals(Map.of(), config.clients().admin());
  }

  @Test
  void responseWrites_defaultsAndSettings_readAsDocumented() {
    ResponseWriteSettings defaults = ProxyConfig.of(Map.of()).responseWrites();
    assertEquals(ResponseWriteSettings.defaults(), defaults);
    assertEquals(1024 * 1024, defaults.asyncMinBytes());
    assertEquals(Math.max(1, Runtime.getRuntime().maxMemory() / 8), defaults.effectiveAsyncMaxBytes());

    ResponseWriteSettings set = ProxyConfig.of(Map.of("http.write.async.min.bytes", "65536",
        "http.write.async.max.bytes", "100000000")).responseWrites();
    assertEquals(new ResponseWriteSettings(65536, 100_000_000L), set);
    assertEquals(100_000_000L, set.effectiveAsyncMaxBytes());
  }

  @Test
  void consumerInstances_defaults_matchDocumentedValues() {
    ConsumerInstanceSettings consumers = ProxyConfig.of(Map.of()).consumerInstances();

    assertTrue(consumers.threads() >= 16);
    assertEquals(10_000, consumers.maxInstances());
    assertEquals(64, consumers.maxPendingOperations());
    assertEquals(Duration.ofMinutes(5), consumers.instanceTimeout());
    assertEquals(Duration.ofSeconds(1), consumers.requestTimeout());
    assertEquals(64L * 1024 * 1024, consumers.requestMaxBytes());
    assertEquals(-1, consumers.fetchMinBytes());
    assertEquals(Duration.ofMillis(50), consumers.maxBackoff());
    assertEquals(Duration.ofSeconds(1), consumers.keepAliveInterval());
  }

  @Test
  void consumerInstances_registry_carriesSettingsAndConsumerProperties() {
    ConsumerInstanceSettings consumers = ProxyConfig.of(Map.of(
        "consumer.instances.max", "7",
        "consumer.pending.operations.max", "3",
        "consumer.instance.timeout.ms", "60000",
        "consumer.request.timeout.ms", "500",
        "consumer.request.max.bytes", "1024",
        "fetch.min.bytes", "10",
        "consumer.iterator.backoff.ms", "20",
        "consumer.keepalive.interval.ms", "2000")).consumerInstances();

    RegistrySettings registry = consumers.registry(Map.of("bootstrap.servers", "b:9092"));

    assertEquals(new RegistrySettings(Map.of("bootstrap.servers", "b:9092"), Duration.ofMinutes(1),
        Duration.ofMillis(500), 1024, 10, Duration.ofMillis(20), Duration.ofSeconds(2), 7, 3), registry);
  }

  @Test
  void consumerInstances_wakeOnArrival_onByDefaultAndCanBeTurnedOff() {
    assertEquals(true, ProxyConfig.of(Map.of()).consumerInstances().wakeOnArrival());
    assertEquals(false,
        ProxyConfig.of(Map.of("consumer.wake.on.arrival", "false")).consumerInstances().wakeOnArrival());
  }

  @Test
  void cors_explicitKeys_areSplitIntoLists() {
    CorsSettings cors = ProxyConfig.of(Map.of(
        "access.control.allow.origin", "https://a.example, https://b.example",
        "access.control.allow.methods", "GET",
        "access.control.allow.headers", "X-Trace")).cors();

    assertEquals(new CorsSettings(List.of("https://a.example", "https://b.example"), List.of("GET"),
        List.of("X-Trace"), List.of()), cors);
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
    assertEquals(URI.create("http://127.0.0.1:0"), config.http().listeners().get(0));
    assertEquals(List.of(URI.create("https://proxy.example.com:443"), URI.create("http://proxy.example.com:80")),
        config.http().advertisedListeners());
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
    assertEquals(Map.of("acks", "1"), config.clients().producer());
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
  void load_environmentPassThrough_mapsUnderscoresLikeConfluent() {
    ProxyConfig config = ProxyConfig.load(null, Map.of(
        "KAFKA_REST_CLIENT_SASL_JAAS_CONFIG", "jaas",
        "KAFKA_REST_CONSUMER_MAX_POLL_RECORDS", "10",
        "KAFKA_REST_PRODUCER_SOME__UNDER___DASH", "x"));

    assertEquals("jaas", config.clients().admin().get("sasl.jaas.config"));
    assertEquals("10", config.clients().consumer().get("max.poll.records"));
    assertEquals("x", config.clients().producer().get("some_under-dash"));
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
      "listeners, not a url",
      "listeners, '/relative'",
      "listeners, ''",
      "listeners, 'http://a:8082,https://a:8082'",
      "advertised.listeners, 'proxy.example.com:8082'"
  })
  void of_invalidValue_failsNamingTheKey(String key, String value) {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ProxyConfig.of(Map.of(key, value)));

    assertTrue(e.getMessage().contains(key), e.getMessage());
  }

  @Test
  void http_severalListeners_keepsTheirOrderAndSchemes() {
    HttpSettings http = ProxyConfig.of(Map.of("listeners", "http://0.0.0.0:8082,https://0.0.0.0:8085")).http();

    assertEquals(List.of(URI.create("http://0.0.0.0:8082"), URI.create("https://0.0.0.0:8085")), http.listeners());
    assertTrue(http.hasHttps());
  }

  @Test
  void tls_confluentKeys_areReadIntoTheTlsSettings() {
    ProxyConfig config = ProxyConfig.of(Map.of("ssl.keystore.location", "/etc/kafka-rest/server.p12",
        "ssl.keystore.password", "secret", "ssl.client.authentication", "REQUESTED"));

    assertEquals("/etc/kafka-rest/server.p12", config.tls().keystore().location());
    assertEquals(ClientAuthentication.REQUESTED, config.tls().clientAuthentication());
  }

  @Test
  void configProviders_fileVariables_areResolvedForProxyKeysAndClientProperties(@TempDir Path dir)
      throws IOException {
    Path secrets = dir.resolve("secrets.properties");
    Files.writeString(secrets, "keystore.password=from-the-file\nsasl=secret-jaas\n");
    String file = "${file:" + secrets + ":";

    ProxyConfig config = ProxyConfig.of(Map.of(
        "config.providers", "file",
        "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider",
        "ssl.keystore.location", "/etc/kafka-rest/server.p12",
        "ssl.keystore.password", file + "keystore.password}",
        "client.sasl.jaas.config", file + "sasl}"));

    assertEquals("from-the-file", config.tls().keystore().password());
    assertEquals("secret-jaas", config.clients().producer().get("sasl.jaas.config"));
  }

  @Test
  void with_copy_setsTheKeyAndKeepsTheOthers() {
    ProxyConfig original = ProxyConfig.of(Map.of("id", "node-1", "producer.acks", "1"));

    ProxyConfig copy = original.with(NodeKeys.BOOTSTRAP_SERVERS, "127.0.0.1:19092");

    assertEquals("127.0.0.1:19092", copy.bootstrapServers());
    assertEquals("node-1", copy.id());
    assertEquals(Map.of("acks", "1"), copy.clients().producer());
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

  @Test
  void cors_exposedHeaders_areSplitIntoAList() {
    CorsSettings cors = ProxyConfig.of(Map.of("access.control.expose.headers", "X-Request-Id, Retry-After")).cors();

    assertEquals(List.of("X-Request-Id", "Retry-After"), cors.exposedHeaders());
  }

  @Test
  void of_skipOptionsTrue_isAccepted_andFalseStopsStartUpWithTheReason() {
    ProxyConfig.of(Map.of("access.control.skip.options", "true"));

    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> ProxyConfig.of(Map.of("access.control.skip.options", "false")));

    assertTrue(e.getMessage().contains("access.control.skip.options"), e.getMessage());
    assertTrue(e.getMessage().contains("browsers send CORS preflights without credentials"), e.getMessage());
  }

  @Test
  void consumerThreads_confluentsUnboundedMinusOne_isTheDefault() {
    int defaultThreads = ProxyConfig.of(Map.of()).consumerInstances().threads();

    assertEquals(defaultThreads, ProxyConfig.of(Map.of("consumer.threads", "-1")).consumerInstances().threads());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-2", "1025"})
  void consumerThreads_outOfRange_failsNamingTheKey(String value) {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> ProxyConfig.of(Map.of("consumer.threads", value)));

    assertTrue(e.getMessage().contains("consumer.threads"), e.getMessage());
  }
}
