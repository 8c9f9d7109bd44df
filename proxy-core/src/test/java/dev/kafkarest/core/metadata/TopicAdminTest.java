package dev.kafkarest.core.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;

class TopicAdminTest {
  private static final Node B0 = new Node(0, "b0", 9092);

  private final MockAdminClient admin = new MockAdminClient(List.of(B0), B0);
  private final TopicAdmin topics = new TopicAdmin(admin, Duration.ofSeconds(5), Runnable::run);
  private final MetadataService metadata = new MetadataService(admin, Duration.ofSeconds(5));

  @Test
  void create_newTopic_isListedWhenTheCallAnswers() {
    topics.create("orders", 3, (short) 1, Map.of("retention.ms", "1000")).join();

    assertEquals(List.of("orders"), metadata.topicNames().join());
    assertEquals(3, metadata.partitions("orders").join().size());
  }

  @Test
  void create_existingTopic_is409WithItsOwnCode() {
    topics.create("orders", 1, (short) 1, Map.of()).join();

    ProxyException error = failure(topics.create("orders", 1, (short) 1, Map.of()));

    assertEquals(ErrorCode.TOPIC_ALREADY_EXISTS, error.errorCode());
    assertEquals(409, error.errorCode().httpStatus());
    assertTrue(error.getMessage().contains("orders"));
  }

  @Test
  void create_replicationFactorAboveTheBrokerCount_is400() {
    ProxyException error = failure(topics.create("orders", 1, (short) 3, Map.of()));

    assertEquals(400, error.errorCode().httpStatus());
  }

  @Test
  void create_partitionCountBelowOne_is400NamingTheField() {
    ProxyException error = failure(topics.create("orders", 0, null, Map.of()));

    assertEquals(ErrorCode.BAD_REQUEST, error.errorCode());
    assertTrue(error.getMessage().contains("partition_count"));
  }

  @Test
  void delete_missingTopic_is404() {
    assertEquals(ErrorCode.TOPIC_NOT_FOUND, failure(topics.delete("nothing")).errorCode());
  }

  @Test
  void delete_existingTopic_isGoneAfterwards() {
    topics.create("orders", 1, (short) 1, Map.of()).join();

    topics.delete("orders").join();

    assertEquals(List.of(), metadata.topicNames().join());
  }

  @Test
  void brokers_cluster_listsAddressesById() {
    assertEquals(List.of(new BrokerInfo(0, "b0", 9092, null)), metadata.brokers().join());
  }

  private static ProxyException failure(CompletableFuture<?> future) {
    CompletionException error = assertThrows(CompletionException.class, future::join);
    return assertInstanceOf(ProxyException.class, error.getCause());
  }
}
