package dev.kafkarest.server;

import dev.kafkarest.server.config.ClientSettings;
import dev.kafkarest.server.config.ProxyConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The properties of the proxy's Kafka clients, one method per client: the proxy's defaults, then the
 * operator's pass-through properties ({@link ClientSettings}), then what the proxy must control.
 */
final class KafkaClients {
  private final String nodeId;
  private final String bootstrapServers;
  private final int metadataTimeoutMs;
  private final ClientSettings passThrough;

  KafkaClients(ProxyConfig config) {
    this.nodeId = config.id();
    this.bootstrapServers = config.bootstrapServers();
    this.metadataTimeoutMs = Math.toIntExact(config.metadataTimeout().toMillis());
    this.passThrough = config.clients();
  }

  /**
   * The shared producer. Defaults favour throughput with bounded latency, and bounded waits so that a
   * request answers within seconds when the cluster is down.
   */
  Map<String, Object> producer() {
    Map<String, Object> properties = new HashMap<>();
    properties.put(ProducerConfig.CLIENT_ID_CONFIG, clientId("producer"));
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
    properties.putAll(passThrough.producer());
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return properties;
  }

  /** Records one poll of an instance's consumer returns at most, unless {@code consumer.max.poll.records} says. */
  static final int MAX_POLL_RECORDS = 10_000;

  /** An instance consumer's {@code retry.backoff.ms}, unless {@code consumer.retry.backoff.ms} says. */
  static final long CONSUMER_RETRY_BACKOFF_MS = 1_000;

  /** The shared Admin client: every call bounded by {@code metadata.timeout.ms}. */
  Map<String, Object> admin() {
    Map<String, Object> properties = new HashMap<>();
    properties.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId("admin"));
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, metadataTimeoutMs);
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, metadataTimeoutMs);
    properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
    properties.putAll(passThrough.admin());
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return properties;
  }

  /**
   * What every consumer instance's consumer starts from: the proxy's defaults, the pass-through
   * properties and the cluster. {@code ConsumerRegistry} then sets the instance's group, client id,
   * deserializers and what the instance's request asks for.
   */
  Map<String, Object> consumer() {
    Map<String, Object> properties = new HashMap<>();
    properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    // The consumer reads the network only inside poll(), which the proxy calls between client reads.
    // Kafka's 64 KB socket buffer would let a 1 MB fetch response arrive only a slice per poll; the
    // OS-tuned buffer lets whole fetch responses land between polls (4x the drain throughput).
    properties.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, -1);
    // A read takes up to max_bytes (1 MB is 10,000 records of 100 B); Kafka's 500 records per poll would
    // make it poll twenty times, each poll paying the consumer's bookkeeping and fetch checks once more.
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
    // Per-instance JMX beans and client telemetry cost more than the consumer itself when instances
    // are many and short-lived (registration on create, metric-name cleaning on every fetch); the
    // operator can turn them back on with consumer.metric.reporters / consumer.enable.metrics.push.
    properties.put(ConsumerConfig.METRIC_REPORTER_CLASSES_CONFIG, "");
    properties.put(ConsumerConfig.ENABLE_METRICS_PUSH_CONFIG, false);
    // A joined consumer's heartbeat thread wakes every retry.backoff.ms (Kafka: 100 ms) to check whether a
    // heartbeat is due, which it is every heartbeat.interval.ms (3 s): with a thousand idle instances that is
    // ten thousand wake-ups a second, the largest share of their proxy CPU. 1 s cuts them to a tenth and still
    // checks three times per heartbeat interval; other retries wait 1 s too, Kafka's own retry.backoff.max.ms.
    properties.put(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, CONSUMER_RETRY_BACKOFF_MS);
    properties.putAll(passThrough.consumer());
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return properties;
  }

  /** {@return the properties of the consumers shared by reads by offset: the consumer's, with their own id} */
  Map<String, Object> partitionReader() {
    Map<String, Object> properties = consumer();
    properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId("partition-reader"));
    return properties;
  }

  private String clientId(String role) {
    return nodeId.isEmpty() ? "kafka-rest-proxy-" + role : "kafka-rest-proxy-" + nodeId + "-" + role;
  }
}
