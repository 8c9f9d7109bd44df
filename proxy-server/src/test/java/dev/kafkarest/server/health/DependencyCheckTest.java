package dev.kafkarest.server.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.error.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class DependencyCheckTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final MockAdminClient admin = new MockAdminClient(List.of(new Node(0, "localhost", 9092)),
      new Node(0, "localhost", 9092));
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final DependencyCheck check = new DependencyCheck(admin, producer, TIMEOUT);

  @Test
  void get_kafkaAnswers_isReady() {
    assertSame(ReadinessResult.READY, check.get().join());
  }

  @Test
  void get_kafkaTimesOut_isNotReadyWith50302AndTheBound_thenReadyAgain() {
    admin.timeoutNextRequest(1);

    ReadinessResult down = check.get().join();
    ReadinessResult back = check.get().join();

    assertEquals(ErrorCode.BROKER_NOT_AVAILABLE, down.problem());
    assertEquals("Kafka did not answer a metadata request within 2000 ms (TimeoutException)", down.reason());
    assertSame(ReadinessResult.READY, back);
  }

  @Test
  void get_requestsWaitForProducerBuffer_isNotReadyWithoutAskingKafka() {
    MetricName waiting = new MetricName("waiting-threads", "producer-metrics", "", Map.of("client-id", "p"));
    producer.setMockMetrics(waiting, gauge(waiting, 3));
    admin.timeoutNextRequest(1);

    ReadinessResult result = check.get().join();

    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, result.problem());
    assertTrue(result.reason().contains("3 requests wait"), result.reason());
    producer.setMockMetrics(waiting, gauge(waiting, 0));
    assertEquals(ErrorCode.BROKER_NOT_AVAILABLE, check.get().join().problem(), "Kafka was not asked before");
  }

  private static Metric gauge(MetricName name, double value) {
    return new Metric() {
      @Override
      public MetricName metricName() {
        return name;
      }

      @Override
      public Object metricValue() {
        return value;
      }
    };
  }
}
