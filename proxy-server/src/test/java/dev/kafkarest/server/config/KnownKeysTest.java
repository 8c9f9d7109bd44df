package dev.kafkarest.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KnownKeysTest {
  @Test
  void of_confluentKeyThisProxyIgnores_startsAndListsItOnceWithTheReason() {
    ProxyConfig config = ProxyConfig.of(Map.of(
        "bootstrap.servers", "b:9092",
        "kafka.rest.extension.classes", "io.confluent.kafkarest.KafkaRestResourceExtension",
        "zookeeper.connect", "localhost:2181"));

    assertEquals(List.of(
        "Ignoring the Confluent setting 'kafka.rest.extension.classes': Confluent's Java extension classes; this proxy "
            + "loads no plug-ins.",
        "Ignoring the Confluent setting 'zookeeper.connect': ZooKeeper is not used; bootstrap.servers names the "
            + "cluster."),
        config.ignoredSettings());
  }

  @Test
  void load_ignoredKeyFromEnvironment_namesTheVariable() {
    ProxyConfig config = ProxyConfig.load(null, Map.of("KAFKA_REST_CUB_KAFKA_TIMEOUT", "40"));

    assertEquals(1, config.ignoredSettings().size());
    assertTrue(config.ignoredSettings().get(0).startsWith(
        "Ignoring the Confluent setting 'cub.kafka.timeout' (set by environment variable KAFKA_REST_CUB_KAFKA_TIMEOUT):"),
        config.ignoredSettings().get(0));
  }

  @Test
  void with_ignoredKey_staysListedOnce() {
    ProxyConfig config = ProxyConfig.load(null, Map.of("KAFKA_REST_CUB_KAFKA_TIMEOUT", "40"))
        .with("bootstrap.servers", "b:9092");

    assertEquals(1, config.ignoredSettings().size());
    assertTrue(config.ignoredSettings().get(0).contains("KAFKA_REST_CUB_KAFKA_TIMEOUT"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rate.limit.permits.per.sec", "dos.filter.enabled", "schema.registry.basic.auth.user.info",
      "metrics.latency.slo.ms", "confluent.telemetry.enabled", "api.v3.produce.batch.maximum.entries"})
  void of_keyUnderAnIgnoredConfluentPrefix_isIgnored(String key) {
    assertEquals(1, ProxyConfig.of(Map.of(key, "1")).ignoredSettings().size());
  }

  @Test
  void clients_ignoredConfluentClientKey_isNotPassedToKafka() {
    ProxyConfig config = ProxyConfig.of(Map.of("producer.threads", "5", "client.timeout.ms", "500",
        "consumer.iterator.timeout.ms", "1"));

    assertEquals(Map.of(), config.clients().producer());
    assertEquals(Map.of(), config.clients().consumer());
    assertEquals(3, config.ignoredSettings().size());
  }

  @ParameterizedTest
  @CsvSource({
      "bootstrap.server, bootstrap.servers",
      "bootstrap.serevrs, bootstrap.servers",
      "listener, listeners",
      "metrics.enabeld, metrics.enabled",
      "metric.enabled, metrics.enabled",
      "consumer.request.timout.ms, consumer.request.timeout.ms",
      "consumer.instances.mx, consumer.instances.max",
      "access.control.allow.orign, access.control.allow.origin",
      "client.security.protocl, client.security.protocol",
      "client.sasl.jaas.confg, client.sasl.jaas.config",
      "producer.lingr.ms, producer.linger.ms",
      "admin.request.timeot.ms, admin.request.timeout.ms"
  })
  void of_misspeltProxyKey_failsNamingTheClosestKey(String key, String meant) {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ProxyConfig.of(Map.of(key, "1")));

    assertTrue(e.getMessage().contains("'" + key + "': did you mean '" + meant + "'?"), e.getMessage());
  }

  @Test
  void of_clientPropertyNearAProxyKey_isPassedThrough() {
    // consumer.fetch.min.bytes is a real consumer property, one edit from nothing of ours; consumer.client.id is too.
    ProxyConfig config = ProxyConfig.of(Map.of("consumer.fetch.min.bytes", "1", "consumer.client.rack", "r1"));

    assertEquals(Map.of("fetch.min.bytes", "1", "client.rack", "r1"), config.clients().consumer());
  }

  @ParameterizedTest
  @ValueSource(strings = {"port", "hsts.header.enable", "sni.check.enabled", "proxy.protocol.enabled"})
  void of_refusedConfluentKey_failsWithTheReason(String key) {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ProxyConfig.of(Map.of(key, "1")));

    assertTrue(e.getMessage().startsWith("The Confluent setting '" + key + "' is not supported: "), e.getMessage());
  }

  @Test
  void of_unknownKeyNearAnIgnoredConfluentKey_failsNamingIt() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> ProxyConfig.of(Map.of("zookeeper.conect", "z:2181")));

    assertEquals("Unknown setting 'zookeeper.conect' (did you mean 'zookeeper.connect'?). See docs/configuration.md.",
        e.getMessage());
  }

  @Test
  void of_unrelatedUnknownKey_failsWithoutSuggestion() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> ProxyConfig.of(Map.of("not.a.setting", "1")));

    assertEquals("Unknown setting 'not.a.setting'. See docs/configuration.md.", e.getMessage());
  }

  @Test
  void table_noIgnoredOrRefusedKeyIsOneOfOurs() {
    ConfluentKeys.IGNORED.keySet().forEach(key -> assertFalse(ProxyConfigDef.isProxyKey(key), key));
    ConfluentKeys.REFUSED.keySet().forEach(key -> assertFalse(ProxyConfigDef.isProxyKey(key), key));
  }

  @ParameterizedTest
  @CsvSource({"abc, abc, 0", "abc, acb, 1", "kitten, sitting, 3", "a, '', 1"})
  void distance_pairs_countsEditsWithTranspositions(String a, String b, int expected) {
    assertEquals(expected, Misspellings.distance(a, b));
  }

  @Test
  void configurationDoc_namesEveryIgnoredAndRefusedKey() throws java.io.IOException {
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/configuration.md"));

    java.util.stream.Stream.concat(ConfluentKeys.IGNORED.keySet().stream(), ConfluentKeys.REFUSED.keySet().stream())
        .map(key -> key.endsWith(".") ? key + "*" : key)
        .forEach(key -> assertTrue(doc.contains("`" + key + "`"), "docs/configuration.md does not name " + key));
  }
}
