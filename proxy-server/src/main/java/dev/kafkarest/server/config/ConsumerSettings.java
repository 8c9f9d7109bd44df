package dev.kafkarest.server.config;

import java.util.Set;

/** Names of the proxy's own consumer-instance settings, which are not passed to Kafka consumers. */
final class ConsumerSettings {
  static final Set<String> NAMES = Set.of(
      "consumer.request.timeout.ms",
      "consumer.request.max.bytes",
      "consumer.instance.timeout.ms",
      "consumer.iterator.backoff.ms",
      "consumer.threads",
      "consumer.instances.max");

  private ConsumerSettings() {}
}
