package dev.kafkarest.core.access;

import java.util.Locale;

/** The kinds of resource an {@link AccessPolicy} decides on. */
public enum ResourceType {
  TOPIC,
  CONSUMER_GROUP,
  /** The Kafka cluster as a whole (brokers, cluster metadata); it has the one name {@link #CLUSTER_NAME}. */
  CLUSTER;

  /** The name to pass for {@link #CLUSTER}; cluster rules match any name. */
  public static final String CLUSTER_NAME = "kafka-cluster";

  private final String ruleName = name().toLowerCase(Locale.ROOT).replace('_', '-');

  /** {@return the lower-case name used in rule files and error messages: topic, consumer-group, cluster} */
  public String ruleName() {
    return ruleName;
  }
}
