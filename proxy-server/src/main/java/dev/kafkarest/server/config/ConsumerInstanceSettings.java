package dev.kafkarest.server.config;

import dev.kafkarest.core.consumer.RegistrySettings;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;

/**
 * The proxy's consumer-instance settings ({@link ConsumerInstanceKeys}).
 *
 * @param threads threads of the pool shared by every instance's lane
 * @param maxInstances most instances this node holds
 * @param maxPendingOperations most operations queued on one instance
 * @param instanceTimeout idle time after which an instance is closed
 * @param requestTimeout the longest a read waits
 * @param requestMaxBytes cap on the bytes of one records response
 * @param fetchMinBytes bytes a read collects before answering; -1 answers at the first record
 * @param maxBackoff the longest pause between two polls of a waiting read
 * @param keepAliveInterval how often an idle subscribed instance polls to stay in its group
 * @param wakeOnArrival whether waiting reads are woken when records arrive rather than polling with back-off
 */
public record ConsumerInstanceSettings(
    int threads,
    int maxInstances,
    int maxPendingOperations,
    Duration instanceTimeout,
    Duration requestTimeout,
    long requestMaxBytes,
    int fetchMinBytes,
    Duration maxBackoff,
    Duration keepAliveInterval,
    boolean wakeOnArrival) {

  static ConsumerInstanceSettings from(AbstractConfig config) {
    return new ConsumerInstanceSettings(
        ConsumerInstanceKeys.threads(config.getInt(ConsumerInstanceKeys.THREADS)),
        config.getInt(ConsumerInstanceKeys.INSTANCES_MAX),
        config.getInt(ConsumerInstanceKeys.PENDING_OPERATIONS_MAX),
        Duration.ofMillis(config.getInt(ConsumerInstanceKeys.INSTANCE_TIMEOUT_MS)),
        Duration.ofMillis(config.getInt(ConsumerInstanceKeys.REQUEST_TIMEOUT_MS)),
        config.getLong(ConsumerInstanceKeys.REQUEST_MAX_BYTES),
        config.getInt(ConsumerInstanceKeys.FETCH_MIN_BYTES),
        Duration.ofMillis(config.getInt(ConsumerInstanceKeys.ITERATOR_BACKOFF_MS)),
        Duration.ofMillis(config.getInt(ConsumerInstanceKeys.KEEPALIVE_INTERVAL_MS)),
        config.getBoolean(ConsumerInstanceKeys.WAKE_ON_ARRIVAL));
  }

  /** {@return these settings with {@code maxInstances} in place of {@code consumer.instances.max}} */
  public ConsumerInstanceSettings withMaxInstances(int maxInstances) {
    return new ConsumerInstanceSettings(threads, maxInstances, maxPendingOperations, instanceTimeout, requestTimeout,
        requestMaxBytes, fetchMinBytes, maxBackoff, keepAliveInterval, wakeOnArrival);
  }

  /**
   * {@return the registry's settings}
   *
   * @param consumerProperties the Kafka properties every instance's consumer starts from
   */
  public RegistrySettings registry(Map<String, Object> consumerProperties) {
    return new RegistrySettings(consumerProperties, instanceTimeout, requestTimeout, requestMaxBytes, fetchMinBytes,
        maxBackoff, keepAliveInterval, maxInstances, maxPendingOperations);
  }
}
