package dev.kafkarest.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientSettingsTest {
  @Test
  void producer_clientAndProducerPrefixes_producerWins() {
    ClientSettings clients = ClientSettings.from(Map.of(
        "client.security.protocol", "SASL_SSL",
        "client.acks", "0",
        "producer.acks", "all",
        "consumer.max.poll.records", "10",
        "admin.retries", "3"));

    assertEquals(Map.of("security.protocol", "SASL_SSL", "acks", "all"), clients.producer());
  }

  @Test
  void admin_clientAndAdminPrefixes_onlyThose() {
    ClientSettings clients = ClientSettings.from(Map.of(
        "client.security.protocol", "SASL_SSL",
        "producer.acks", "all",
        "admin.retries", "3"));

    assertEquals(Map.of("security.protocol", "SASL_SSL", "retries", "3"), clients.admin());
  }

  @Test
  void consumer_clientAndConsumerPrefixes_onlyThose() {
    ClientSettings clients = ClientSettings.from(Map.of(
        "client.security.protocol", "SASL_SSL",
        "client.max.poll.records", "100",
        "consumer.max.poll.records", "10",
        "producer.acks", "all"));

    assertEquals(Map.of("security.protocol", "SASL_SSL", "max.poll.records", "10"), clients.consumer());
  }

  @Test
  void consumer_proxyOwnConsumerInstanceKeys_areNotPassedThrough() {
    ClientSettings clients = ClientSettings.from(Map.of(
        "consumer.request.timeout.ms", "500",
        "consumer.request.max.bytes", "1024",
        "consumer.instance.timeout.ms", "60000",
        "consumer.iterator.backoff.ms", "10",
        "consumer.threads", "4",
        "consumer.session.timeout.ms", "12000"));

    assertEquals(Map.of("session.timeout.ms", "12000"), clients.consumer());
  }

  @Test
  void from_proxyKeysWithoutClientPrefix_passNothing() {
    ClientSettings clients = ClientSettings.from(Map.of("bootstrap.servers", "b:9092", "id", "node-1"));

    assertEquals(Map.of(), clients.producer());
    assertEquals(Map.of(), clients.consumer());
    assertEquals(Map.of(), clients.admin());
  }

  @ParameterizedTest
  @ValueSource(strings = {"producer.acks", "consumer.max.poll.records", "admin.retries", "client.security.protocol"})
  void hasClientPrefix_prefixAndProperty_isTrue(String key) {
    assertTrue(ClientSettings.hasClientPrefix(key));
  }

  @ParameterizedTest
  @ValueSource(strings = {"producer.", "consumer.", "admin.", "client.", "producers.acks", "bootstrap.servers"})
  void hasClientPrefix_barePrefixOrOtherKey_isFalse(String key) {
    assertFalse(ClientSettings.hasClientPrefix(key));
  }
}
