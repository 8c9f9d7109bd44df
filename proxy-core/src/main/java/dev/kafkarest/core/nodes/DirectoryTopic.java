package dev.kafkarest.core.nodes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory's topic: created when missing with what the directory relies on (compacted, so it holds one
 * entry per key; the broker's append time, so liveness never compares two nodes' clocks), and, when it exists
 * already (an operator created it, or an older proxy did), checked for both, with a warning that says what to
 * set. One partition, so every node reads the entries in one order.
 */
final class DirectoryTopic {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryTopic.class);
  static final Map<String, String> REQUIRED = Map.of(
      TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
      TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");

  private DirectoryTopic() {}

  /**
   * Creates {@code topic}, or checks the one that exists.
   *
   * @throws IllegalStateException when Kafka refuses or does not answer within {@code timeout}
   */
  static void ensure(Admin admin, String topic, Duration timeout) {
    try {
      if (create(admin, topic, timeout)) {
        LOG.info("Created the node directory topic {}", topic);
      } else {
        check(admin, topic, timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  /** {@return whether the topic was created}; false when it existed */
  private static boolean create(Admin admin, String topic, Duration timeout) throws InterruptedException {
    try {
      admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()).configs(REQUIRED))).all()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return false;
      }
      throw new IllegalStateException("Cannot create the node directory topic " + topic + ": " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not create the node directory topic " + topic + " in time", e);
    }
  }

  /** Warns when an existing topic lacks what the directory relies on; a topic whose configs cannot be read passes. */
  private static void check(Admin admin, String topic, Duration timeout) throws InterruptedException {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config;
    try {
      config = admin.describeConfigs(List.of(resource)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .get(resource);
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("Cannot read the configs of the node directory topic {}: {}", topic, e.toString());
      return;
    }
    List<String> missing = missing(config);
    if (!missing.isEmpty()) {
      LOG.warn("The node directory topic {} exists without {}: set them on the topic (kafka-configs --alter "
          + "--entity-type topics --entity-name {} --add-config ...). Without compaction it grows and every node reads "
          + "it all at start; without LogAppendTime, node liveness compares the nodes' clocks.", topic,
          String.join(", ", missing), topic);
    }
  }

  /** {@return the required settings {@code config} lacks, as {@code key=value}} */
  static List<String> missing(Config config) {
    List<String> missing = new ArrayList<>();
    REQUIRED.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(required -> {
      ConfigEntry entry = config.get(required.getKey());
      if (entry == null || !required.getValue().equals(entry.value())) {
        missing.add(required.getKey() + "=" + required.getValue());
      }
    });
    return missing;
  }
}
