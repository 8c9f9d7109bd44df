package dev.kafkarest.core.access;

import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * The checks a request makes before it asks anything of Kafka, named after what the request does: every
 * API (v2, v3, HDInsight /v1) calls one of these at the top of each resource method, so a refusal never
 * depends on whether the resource exists (docs/security.md, "What each request needs"). Each check is one
 * {@link AccessPolicy} question; a refusal is 403/40301 naming the operation and the resource.
 */
public final class ResourceAccess {
  private final AccessPolicy policy;

  public ResourceAccess(AccessPolicy policy) {
    this.policy = policy;
  }

  /** {@return the policy the checks ask}, for the checks an API adds of its own */
  public AccessPolicy policy() {
    return policy;
  }

  /** The cluster and its brokers. */
  public void describeCluster(Identity caller) {
    policy.check(caller, Operation.DESCRIBE, ResourceType.CLUSTER, ResourceType.CLUSTER_NAME);
  }

  /** Metadata of a topic: its configs, partitions and their offsets. */
  public void describeTopic(Identity caller, String topic) {
    policy.check(caller, Operation.DESCRIBE, ResourceType.TOPIC, topic);
  }

  /** {@return the topics of a listing that {@code caller} may describe, in their order} */
  public List<String> describableTopics(Identity caller, Collection<String> topics) {
    return policy.filter(caller, Operation.DESCRIBE, ResourceType.TOPIC, topics);
  }

  /** {@return which topics of a listing {@code caller} may see} */
  public Predicate<String> visibleTopics(Identity caller) {
    return topic -> policy.permits(caller, Operation.DESCRIBE, ResourceType.TOPIC, topic);
  }

  /** Creating a topic. */
  public void createTopic(Identity caller, String topic) {
    policy.check(caller, Operation.CREATE, ResourceType.TOPIC, topic);
  }

  /** Deleting a topic. */
  public void deleteTopic(Identity caller, String topic) {
    policy.check(caller, Operation.DELETE, ResourceType.TOPIC, topic);
  }

  /** Changing a topic's partition count or configs. */
  public void alterTopic(Identity caller, String topic) {
    policy.check(caller, Operation.ALTER, ResourceType.TOPIC, topic);
  }

  /** Produce. */
  public void writeTopic(Identity caller, String topic) {
    policy.check(caller, Operation.WRITE, ResourceType.TOPIC, topic);
  }

  /** Consume, by subscription, assignment or offset. */
  public void readTopic(Identity caller, String topic) {
    policy.check(caller, Operation.READ, ResourceType.TOPIC, topic);
  }

  /** Creating a consumer instance in a group, and every request on one. */
  public void readGroup(Identity caller, String group) {
    policy.check(caller, Operation.READ, ResourceType.CONSUMER_GROUP, group);
  }

  /** A consumer group, its consumers, assignments and lags. */
  public void describeGroup(Identity caller, String group) {
    policy.check(caller, Operation.DESCRIBE, ResourceType.CONSUMER_GROUP, group);
  }

  /** {@return which consumer groups of a listing {@code caller} may see} */
  public Predicate<String> visibleGroups(Identity caller) {
    return group -> policy.permits(caller, Operation.DESCRIBE, ResourceType.CONSUMER_GROUP, group);
  }
}
