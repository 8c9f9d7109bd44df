package dev.kafkarest.server;

import dev.kafkarest.server.config.ProxyConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The settings of the proxy's shared Kafka clients: the proxy's defaults, then the operator's
 * pass-through settings, then what the proxy must control.
 */
final class KafkaClients {
  private KafkaClients() {}

  /**
   * Producer defaults favour throughput with bounded latency, and bounded waits so that a request
   * answers within seconds when the cluster is down.
   */
  static Map<String, Object> producer(ProxyConfig config) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, clientId(config, "producer"));
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
    settings.putAll(config.producerSettings());
    settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return settings;
  }

  static Map<String, Object> admin(ProxyConfig config) {
    Map<String, Object> settings = new HashMap<>();
    int timeout = Math.toIntExact(config.metadataTimeout().toMillis());
    settings.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId(config, "admin"));
    settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
    settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
    settings.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
    settings.putAll(config.adminSettings());
    settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    return settings;
  }

  private static String clientId(ProxyConfig config, String role) {
    return config.id().isEmpty() ? "kafka-rest-proxy-" + role : "kafka-rest-proxy-" + config.id() + "-" + role;
  }
}
