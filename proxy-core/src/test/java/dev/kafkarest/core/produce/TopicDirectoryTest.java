package dev.kafkarest.core.produce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.junit.jupiter.api.Test;

class TopicDirectoryTest {
  private static final Duration TTL = Duration.ofSeconds(30);

  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;
  private final TestAdmin admin = new TestAdmin();
  private final TopicDirectory directory = new TopicDirectory(admin, TTL, Duration.ofSeconds(5), ticker);

  @Test
  void partitionCount_existingTopic_returnsItsPartitionCount() {
    admin.topic("orders", 3);

    assertEquals(3, directory.partitionCount("orders").join());
  }

  @Test
  void partitionCount_withinTtl_describesTopicOnce() {
    admin.topic("orders", 3);

    directory.partitionCount("orders").join();
    nanos.addAndGet(TTL.minusMillis(1).toNanos());
    directory.partitionCount("orders").join();

    assertEquals(1, admin.describeTopicsCalls());
  }

  @Test
  void partitionCount_afterTtl_describesTopicAgain() {
    admin.topic("orders", 3);
    directory.partitionCount("orders").join();
    admin.topic("orders", 5);

    nanos.addAndGet(TTL.plusMillis(1).toNanos());

    assertEquals(5, directory.partitionCount("orders").join());
    assertEquals(2, admin.describeTopicsCalls());
  }

  @Test
  void partitionCount_missingTopicWithoutAutoCreate_fails40401() {
    admin.autoCreateTopics(false);

    ProxyException e = failure(directory.partitionCount("missing"));

    assertSame(ErrorCode.TOPIC_NOT_FOUND, e.errorCode());
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void partitionCount_missingTopicBrokerWithoutSetting_fails40401() {
    ProxyException e = failure(directory.partitionCount("missing"));

    assertSame(ErrorCode.TOPIC_NOT_FOUND, e.errorCode());
  }

  @Test
  void partitionCount_missingTopicWithAutoCreate_returnsAutoCreate() {
    admin.autoCreateTopics(true);

    assertEquals(TopicDirectory.AUTO_CREATE, directory.partitionCount("new-topic").join());
  }

  @Test
  void partitionCount_missingTopic_isNotCached() {
    directory.partitionCount("later").exceptionally(e -> 0).join();
    admin.topic("later", 2);

    assertEquals(2, directory.partitionCount("later").join());
  }

  @Test
  void partitionCount_kafkaFailure_failsTranslatedAndIsNotCached() {
    admin.topic("orders", 3);
    admin.timeoutNextRequest(1);

    ProxyException e = failure(directory.partitionCount("orders"));

    assertSame(ErrorCode.BROKER_NOT_AVAILABLE, e.errorCode());
    assertEquals(3, directory.partitionCount("orders").join());
  }

  @Test
  void partitionCount_autoCreateLookupFails_treatsTopicAsMissing() {
    admin.failDescribeConfigs(new ClusterAuthorizationException("Cluster authorization failed."));

    ProxyException e = failure(directory.partitionCount("missing"));

    assertSame(ErrorCode.TOPIC_NOT_FOUND, e.errorCode());
  }

  @Test
  void requirePartition_existingPartition_returnsCountFromCache() {
    admin.topic("orders", 3);
    directory.partitionCount("orders").join();

    assertEquals(3, directory.requirePartition("orders", 2).join());
    assertEquals(1, admin.describeTopicsCalls());
  }

  @Test
  void requirePartition_partitionAddedSinceCached_reloadsOnceAndSucceeds() {
    admin.topic("orders", 2);
    directory.partitionCount("orders").join();
    admin.topic("orders", 4);

    assertEquals(4, directory.requirePartition("orders", 3).join());
    assertEquals(2, admin.describeTopicsCalls());
  }

  @Test
  void requirePartition_beyondPartitionCount_fails40402AfterOneReload() {
    admin.topic("orders", 2);

    ProxyException e = failure(directory.requirePartition("orders", 2));

    assertSame(ErrorCode.PARTITION_NOT_FOUND, e.errorCode());
    assertTrue(e.getMessage().endsWith("has no partition 2."), e.getMessage());
    assertEquals(2, admin.describeTopicsCalls());
  }

  @Test
  void requirePartition_missingTopic_fails40401() {
    assertSame(ErrorCode.TOPIC_NOT_FOUND, failure(directory.requirePartition("missing", 0)).errorCode());
  }

  @Test
  void requirePartition_missingTopicWithAutoCreate_returnsAutoCreate() {
    admin.autoCreateTopics(true);

    assertEquals(TopicDirectory.AUTO_CREATE, directory.requirePartition("new-topic", 7).join());
  }

  static ProxyException failure(CompletableFuture<?> future) {
    CompletionException e = assertThrows(CompletionException.class, future::join);
    return assertInstanceOf(ProxyException.class, e.getCause());
  }
}
