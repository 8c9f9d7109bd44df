package dev.kafkarest.server.hdinsight;

import dev.kafkarest.core.access.AccessPolicy;
import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.access.Operation;
import dev.kafkarest.core.access.ResourceType;
import java.util.Collection;
import java.util.List;

/**
 * What each HDInsight request needs, as one call at the top of each resource method, before anything is
 * asked of Kafka (docs/security.md): the same {@link AccessPolicy} and operations as v2, with creating and
 * deleting a topic as their own operations. A refusal is 403/40301.
 */
final class HdInsightAccess {
  private final AccessPolicy policy;

  HdInsightAccess(AccessPolicy policy) {
    this.policy = policy;
  }

  /** Brokers. */
  void describeCluster(Identity caller) {
    policy.check(caller, Operation.DESCRIBE, ResourceType.CLUSTER, ResourceType.CLUSTER_NAME);
  }

  /** Partition metadata of a topic. */
  void describeTopic(Identity caller, String topic) {
    policy.check(caller, Operation.DESCRIBE, ResourceType.TOPIC, topic);
  }

  /** {@return the topics of a listing that {@code caller} may describe, in their order} */
  List<String> describableTopics(Identity caller, Collection<String> topics) {
    return policy.filter(caller, Operation.DESCRIBE, ResourceType.TOPIC, topics);
  }

  /** {@code PUT /v1/topics/{t}}. */
  void createTopic(Identity caller, String topic) {
    policy.check(caller, Operation.CREATE, ResourceType.TOPIC, topic);
  }

  /** {@code DELETE /v1/topics/{t}}. */
  void deleteTopic(Identity caller, String topic) {
    policy.check(caller, Operation.DELETE, ResourceType.TOPIC, topic);
  }

  /** Produce. */
  void writeTopic(Identity caller, String topic) {
    policy.check(caller, Operation.WRITE, ResourceType.TOPIC, topic);
  }

  /** Consume by offset. */
  void readTopic(Identity caller, String topic) {
    policy.check(caller, Operation.READ, ResourceType.TOPIC, topic);
  }
}
