package dev.kafkarest.core.produce;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeConfigsResult;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.jspecify.annotations.Nullable;

/**
 * A one-broker {@link MockAdminClient} that counts topic descriptions, can hold them back until the test
 * releases them (as a real Admin answers later, on its own thread), and can fail config look-ups.
 */
final class TestAdmin extends MockAdminClient {
  static final Node BROKER = new Node(0, "localhost", 9092);

  private final AtomicInteger describeTopicsCalls = new AtomicInteger();
  private @Nullable RuntimeException describeConfigsFailure;
  private @Nullable List<Runnable> heldDescriptions;

  TestAdmin() {
    super(List.of(BROKER), BROKER);
  }

  /** Adds (or replaces) a topic with the given number of partitions, all led by the one broker. */
  TestAdmin topic(String name, int partitions) {
    if (listTopics().names().toCompletionStage().toCompletableFuture().join().contains(name)) {
      deleteTopics(List.of(name)).all().toCompletionStage().toCompletableFuture().join();
    }
    List<TopicPartitionInfo> infos = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      infos.add(new TopicPartitionInfo(i, BROKER, List.of(BROKER), List.of(BROKER)));
    }
    addTopic(false, name, infos, Map.of());
    return this;
  }

  /** Sets the broker's {@code auto.create.topics.enable}. */
  TestAdmin autoCreateTopics(boolean enabled) {
    ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, BROKER.idString());
    incrementalAlterConfigs(Map.of(broker, List.of(new AlterConfigOp(
        new ConfigEntry("auto.create.topics.enable", Boolean.toString(enabled)), AlterConfigOp.OpType.SET))))
        .all().toCompletionStage().toCompletableFuture().join();
    return this;
  }

  /** Makes every following {@code describeConfigs} fail with {@code failure}. */
  void failDescribeConfigs(RuntimeException failure) {
    this.describeConfigsFailure = failure;
  }

  /** Holds back the answers of following topic descriptions until {@link #releaseDescriptions()}. */
  void holdDescriptions() {
    heldDescriptions = new ArrayList<>();
  }

  /** Completes the held topic descriptions on the calling thread. */
  void releaseDescriptions() {
    List<Runnable> held = heldDescriptions;
    heldDescriptions = null;
    if (held != null) {
      held.forEach(Runnable::run);
    }
  }

  int describeTopicsCalls() {
    return describeTopicsCalls.get();
  }

  @Override
  public synchronized DescribeTopicsResult describeTopics(TopicCollection topics, DescribeTopicsOptions options) {
    describeTopicsCalls.incrementAndGet();
    DescribeTopicsResult result = super.describeTopics(topics, options);
    List<Runnable> held = heldDescriptions;
    if (held == null) {
      return result;
    }
    Map<String, KafkaFuture<TopicDescription>> deferred = new HashMap<>();
    result.topicNameValues().forEach((name, answer) -> {
      KafkaFutureImpl<TopicDescription> later = new KafkaFutureImpl<>();
      held.add(() -> answer.whenComplete((description, error) -> {
        if (error != null) {
          later.completeExceptionally(error);
        } else {
          later.complete(description);
        }
      }));
      deferred.put(name, later);
    });
    return new DescribeTopicsResult(null, deferred) {};
  }

  @Override
  public synchronized DescribeConfigsResult describeConfigs(
      Collection<ConfigResource> resources, DescribeConfigsOptions options) {
    RuntimeException failure = describeConfigsFailure;
    if (failure == null) {
      return super.describeConfigs(resources, options);
    }
    Map<ConfigResource, KafkaFuture<Config>> failed = new HashMap<>();
    for (ConfigResource resource : resources) {
      KafkaFutureImpl<Config> future = new KafkaFutureImpl<>();
      future.completeExceptionally(failure);
      failed.put(resource, future);
    }
    return new DescribeConfigsResult(failed) {};
  }
}
