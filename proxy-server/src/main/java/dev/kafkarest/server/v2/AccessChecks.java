package dev.kafkarest.server.v2;

import dev.kafkarest.core.access.AccessPolicy;
import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.access.ResourceAccess;
import dev.kafkarest.core.error.ProxyException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;

/**
 * What each v2 request needs (docs/security.md, "What each request needs"), as one call at the top of each
 * resource method, before anything is asked of Kafka or of the consumer registry: a refusal never depends
 * on whether the resource exists. On a consumer instance, {@code ConsumerInstanceResource.instance()}
 * checks the group before the look-up, and the topics a body names are checked as soon as it is parsed.
 * Every refusal is a {@link ProxyException} 403/40301 naming the operation and the resource.
 *
 * <p>{@code EveryEndpointIsAuthorizedTest} fails when a v2 endpoint answers a caller with no permissions
 * anything but 403, so a new endpoint cannot forget its check.
 */
final class AccessChecks {
  private final ResourceAccess access;

  AccessChecks(AccessPolicy policy) {
    this.access = new ResourceAccess(policy);
  }

  /** Metadata of a topic, its partitions and their offsets. */
  void describeTopic(Identity caller, String topic) {
    access.describeTopic(caller, topic);
  }

  /** {@return the topics of a listing that {@code caller} may describe, in their order} */
  List<String> describableTopics(Identity caller, Collection<String> topics) {
    return access.describableTopics(caller, topics);
  }

  /** Produce. */
  void writeTopic(Identity caller, String topic) {
    access.writeTopic(caller, topic);
  }

  /** Creating a consumer instance, and every request on one. */
  void readGroup(Identity caller, String group) {
    access.readGroup(caller, group);
  }

  /** Subscribing to topics by name: each one. */
  void readTopics(Identity caller, List<String> topics) {
    topics.forEach(topic -> access.readTopic(caller, topic));
  }

  /** Assigning, seeking and committing: the topic of each partition. */
  void readPartitions(Identity caller, Collection<TopicPartition> partitions) {
    readTopics(caller, List.copyOf(topics(partitions)));
  }

  /** Reading committed offsets: the topic of each partition. */
  void describePartitions(Identity caller, Collection<TopicPartition> partitions) {
    for (String topic : topics(partitions)) {
      describeTopic(caller, topic);
    }
  }

  /** {@return the pattern to subscribe with}: see {@link AccessPolicy#subscriptionPattern} */
  Pattern subscriptionPattern(Identity caller, Pattern pattern) {
    return access.policy().subscriptionPattern(caller, pattern);
  }

  /** Broker ids. */
  void describeCluster(Identity caller) {
    access.describeCluster(caller);
  }

  private static Set<String> topics(Collection<TopicPartition> partitions) {
    Set<String> topics = new LinkedHashSet<>();
    partitions.forEach(partition -> topics.add(partition.topic()));
    return topics;
  }
}
