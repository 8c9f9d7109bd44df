package dev.kafkarest.core.consumer;

import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;

/**
 * The proxy-wide settings of consumer instances.
 *
 * @param consumerSettings base Kafka consumer settings (bootstrap servers and pass-through settings)
 * @param instanceTimeout idle time after which an instance is closed ({@code consumer.instance.timeout.ms})
 * @param requestTimeout the longest a read waits ({@code consumer.request.timeout.ms})
 * @param requestMaxBytes cap on the bytes of one read response ({@code consumer.request.max.bytes})
 * @param fetchMinBytes default bytes a read collects before returning; -1 returns at the first record
 * @param maxBackoff the longest pause between two polls of a waiting read ({@code consumer.iterator.backoff.ms})
 * @param keepAliveInterval how often an idle subscribed instance polls to stay in its group
 * @param maxInstances most instances this proxy holds at once
 * @param maxPendingOperations most operations queued on one instance
 */
public record RegistrySettings(
    Map<String, Object> consumerSettings,
    Duration instanceTimeout,
    Duration requestTimeout,
    long requestMaxBytes,
    int fetchMinBytes,
    Duration maxBackoff,
    Duration keepAliveInterval,
    int maxInstances,
    int maxPendingOperations) {

  public RegistrySettings {
    consumerSettings = Map.copyOf(consumerSettings);
  }

  /** {@return the settings with the consumer settings' names only}: their values may hold passwords (JAAS, SSL) */
  @Override
  public String toString() {
    return "RegistrySettings[consumerSettings=" + new TreeSet<>(consumerSettings.keySet()) + ", instanceTimeout="
        + instanceTimeout + ", requestTimeout=" + requestTimeout + ", requestMaxBytes=" + requestMaxBytes
        + ", fetchMinBytes=" + fetchMinBytes + ", maxBackoff=" + maxBackoff + ", keepAliveInterval=" + keepAliveInterval
        + ", maxInstances=" + maxInstances + ", maxPendingOperations=" + maxPendingOperations + "]";
  }
}
