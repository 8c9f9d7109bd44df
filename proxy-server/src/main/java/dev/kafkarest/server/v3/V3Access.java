package dev.kafkarest.server.v3;

import dev.kafkarest.core.access.AccessPolicy;
import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.access.Operation;
import dev.kafkarest.core.access.ResourceType;
import dev.kafkarest.core.error.ProxyException;
import java.util.function.Predicate;

/**
 * What each v3 request needs, as one call at the top of each resource method, before anything is asked of
 * Kafka: a refusal never depends on whether the cluster, topic or group exists. Listings show only what the
 * caller may describe. Every refusal is a {@link ProxyException} 403/40301 naming the operation and the
 * resource. {@code EveryEndpointIsAuthorizedTest} covers this package too.
 */
final class V3Access {
  private final AccessPolicy policy;

  V3Access(AccessPolicy policy) {
    this.policy = policy;
  }

  /** The cluster and its brokers. */
  void describeCluster(Identity caller) {
    policy.check(caller, Operation.DESCRIBE, ResourceType.CLUSTER, ResourceType.CLUSTER_NAME);
  }

  /** A topic, its configs and partitions. */
  void describeTopic(Identity caller, String topic) {
    policy.check(caller, Operation.DESCRIBE, ResourceType.TOPIC, topic);
  }

  void createTopic(Identity caller, String topic) {
    policy.check(caller, Operation.CREATE, ResourceType.TOPIC, topic);
  }

  void deleteTopic(Identity caller, String topic) {
    policy.check(caller, Operation.DELETE, ResourceType.TOPIC, topic);
  }

  /** Partition count and configs. */
  void alterTopic(Identity caller, String topic) {
    policy.check(caller, Operation.ALTER, ResourceType.TOPIC, topic);
  }

  /** A consumer group, its consumers, assignments and lags. */
  void describeGroup(Identity caller, String group) {
    policy.check(caller, Operation.DESCRIBE, ResourceType.CONSUMER_GROUP, group);
  }

  /** {@return which topics of a listing {@code caller} may see} */
  Predicate<String> visibleTopics(Identity caller) {
    return topic -> policy.permits(caller, Operation.DESCRIBE, ResourceType.TOPIC, topic);
  }

  /** {@return which consumer groups of a listing {@code caller} may see} */
  Predicate<String> visibleGroups(Identity caller) {
    return group -> policy.permits(caller, Operation.DESCRIBE, ResourceType.CONSUMER_GROUP, group);
  }
}
