package dev.kafkarest.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kafkarest.server.config.ProxyConfig;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {
  @Test
  void producer_passThroughOverridesDefaultsButNotWhatTheProxyControls() {
    KafkaClients clients = new KafkaClients(ProxyConfig.of(Map.of(
        "bootstrap.servers", "b:9092",
        "producer.linger.ms", "20",
        "producer.bootstrap.servers", "elsewhere:9092",
        "producer.key.serializer", "org.apache.kafka.common.serialization.StringSerializer")));

    Map<String, Object> producer = clients.producer();

    assertEquals("20", producer.get("linger.ms"));
    assertEquals(5_000, producer.get("max.block.ms"));
    assertEquals("b:9092", producer.get("bootstrap.servers"));
    assertEquals(ByteArraySerializer.class, producer.get("key.serializer"));
    assertEquals("kafka-rest-proxy-producer", producer.get("client.id"));
  }

  @Test
  void admin_timeoutsFollowMetadataTimeout_andIdNamesTheNode() {
    KafkaClients clients = new KafkaClients(ProxyConfig.of(Map.of(
        "id", "node-1", "bootstrap.servers", "b:9092", "metadata.timeout.ms", "2500")));

    Map<String, Object> admin = clients.admin();

    assertEquals(2_500, admin.get("request.timeout.ms"));
    assertEquals(2_500, admin.get("default.api.timeout.ms"));
    assertEquals("kafka-rest-proxy-node-1-admin", admin.get("client.id"));
    assertEquals("b:9092", admin.get("bootstrap.servers"));
  }

  @Test
  void consumer_passThroughAndCluster_withoutTheProxyOwnKeys() {
    KafkaClients clients = new KafkaClients(ProxyConfig.of(Map.of(
        "bootstrap.servers", "b:9092",
        "client.security.protocol", "SASL_SSL",
        "consumer.max.poll.records", "10",
        "consumer.request.timeout.ms", "500")));

    Map<String, Object> consumer = clients.consumer();

    assertEquals("b:9092", consumer.get("bootstrap.servers"));
    assertEquals("SASL_SSL", consumer.get("security.protocol"));
    assertEquals("10", consumer.get("max.poll.records"));
    assertFalse(consumer.containsKey("request.timeout.ms"), "the proxy's own consumer.request.timeout.ms");
  }

  @Test
  void consumer_defaults_useOsTunedReceiveBufferAndBoundedApiTimeout_unlessOverridden() {
    KafkaClients clients = new KafkaClients(ProxyConfig.of(Map.of(
        "bootstrap.servers", "b:9092", "consumer.default.api.timeout.ms", "9000")));

    Map<String, Object> consumer = clients.consumer();

    assertEquals(-1, consumer.get("receive.buffer.bytes"));
    assertEquals("9000", consumer.get("default.api.timeout.ms"));
  }

  @Test
  void consumer_defaults_pollEnoughRecordsForAOneMegabyteRead_unlessOverridden() {
    Map<String, Object> plain = new KafkaClients(ProxyConfig.of(Map.of("bootstrap.servers", "b:9092"))).consumer();
    Map<String, Object> set = new KafkaClients(ProxyConfig.of(Map.of("bootstrap.servers", "b:9092",
        "consumer.max.poll.records", "50"))).consumer();

    assertEquals(10_000, plain.get("max.poll.records"));
    assertEquals("50", set.get("max.poll.records"));
  }

  @Test
  void consumer_defaults_turnOffPerInstanceJmxAndTelemetry_unlessOverridden() {
    Map<String, Object> plain = new KafkaClients(ProxyConfig.of(Map.of("bootstrap.servers", "b:9092"))).consumer();
    Map<String, Object> jmx = new KafkaClients(ProxyConfig.of(Map.of("bootstrap.servers", "b:9092",
        "consumer.metric.reporters", "org.apache.kafka.common.metrics.JmxReporter"))).consumer();

    assertEquals("", plain.get("metric.reporters"));
    assertEquals(false, plain.get("enable.metrics.push"));
    assertEquals("org.apache.kafka.common.metrics.JmxReporter", jmx.get("metric.reporters"));
  }

  @Test
  void consumer_defaults_heartbeatThreadWakesEverySecond_unlessOverridden() {
    Map<String, Object> plain = new KafkaClients(ProxyConfig.of(Map.of("bootstrap.servers", "b:9092"))).consumer();
    Map<String, Object> set = new KafkaClients(ProxyConfig.of(Map.of("bootstrap.servers", "b:9092",
        "consumer.retry.backoff.ms", "100"))).consumer();

    assertEquals(1_000L, plain.get("retry.backoff.ms"));
    assertEquals("100", set.get("retry.backoff.ms"));
  }
}
