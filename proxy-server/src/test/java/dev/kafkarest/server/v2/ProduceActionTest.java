package dev.kafkarest.server.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.metrics.ProxyMetrics;
import dev.kafkarest.core.produce.ProduceRules;
import dev.kafkarest.core.produce.ProduceService;
import dev.kafkarest.core.produce.TopicDirectory;
import dev.kafkarest.core.produce.ValueValidator.Violation;
import dev.kafkarest.server.http.KafkaMediaTypes;
import dev.kafkarest.server.http.Responses;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The produce rules sit in front of the producer: a request that breaks one sends nothing. */
class ProduceActionTest {
  private static final Node BROKER = new Node(0, "localhost", 9092);
  private static final MediaType JSON = MediaType.valueOf(KafkaMediaTypes.JSON_V2);
  private static final MediaType BINARY = MediaType.valueOf(KafkaMediaTypes.BINARY_V2);

  private final MockAdminClient admin = new MockAdminClient(List.of(BROKER), BROKER);
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  /** Values of "orders" must not contain "bad". */
  private final ProduceRules rules = new ProduceRules(3, topic -> !topic.equals("orders") ? null : json -> {
    String text = json == null ? "null" : new String(json, StandardCharsets.UTF_8);
    return text.contains("bad") ? List.of(new Violation("/qty", "is bad")) : List.of();
  });
  private final ProduceAction action = new ProduceAction(
      new ProduceService(producer, new TopicDirectory(admin, Duration.ofMinutes(1), Duration.ofSeconds(5),
          Ticker.disabledTicker()), Runnable::run),
      rules, new Responses(Runnable::run));

  ProduceActionTest() {
    TopicPartitionInfo partition = new TopicPartitionInfo(0, BROKER, List.of(BROKER), List.of(BROKER));
    admin.addTopic(false, "orders", List.of(partition), Map.of());
  }

  @AfterEach
  void closeAdmin() {
    admin.close();
  }

  @Test
  void produce_allValuesValid_sendsEveryRecord() {
    int status = action.produce("orders", null, JSON, body("{\"records\": [{\"value\": 1}, {\"value\": 2}]}"))
        .toCompletableFuture().join().getStatus();

    assertEquals(200, status);
    assertEquals(2, producer.history().size());
  }

  @Test
  void produce_timeUpWithOneRecordAcknowledged_answers200WithOffsetAndA50302EntrySayingMayStillBeWritten() {
    MockProducer<byte[], byte[]> silent =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    List<Runnable> deadlines = new ArrayList<>();
    Scheduler manual = (executor, command, delay, unit) -> {
      FutureTask<Void> task = new FutureTask<>(() -> executor.execute(command), null);
      deadlines.add(task);
      return task;
    };
    ProduceAction bounded = new ProduceAction(new ProduceService(silent, new TopicDirectory(admin,
        Duration.ofMinutes(1), Duration.ofSeconds(5), Ticker.disabledTicker()), Runnable::run, ProxyMetrics.none(),
        manual, Duration.ofSeconds(5)), rules, new Responses(Runnable::run));
    CompletableFuture<Response> answer = bounded.produce("orders", null, BINARY,
        body("{\"records\": [{\"value\": \"YQ==\"}, {\"value\": \"Yg==\"}]}")).toCompletableFuture();

    silent.completeNext();
    deadlines.forEach(Runnable::run);

    Response response = answer.join();
    assertEquals(200, response.getStatus());
    List<ProduceOffset> offsets = ((ProduceResponse) response.getEntity()).offsets();
    assertEquals(new ProduceOffset(0, 0L, null, null), offsets.get(0));
    assertEquals(50302, offsets.get(1).errorCode());
    assertTrue(offsets.get(1).error().contains("may still be written"), offsets.get(1).error());
  }

  @Test
  void produce_oneValueInvalid_sendsNothing() {
    ProxyException e = assertThrows(ProxyException.class, () -> action.produce("orders", null, JSON,
        body("{\"records\": [{\"value\": \"good\"}, {\"value\": \"bad\"}, {\"value\": \"good\"}]}")));

    assertEquals(ErrorCode.SCHEMA_VALIDATION_FAILED, e.errorCode());
    assertTrue(e.getMessage().contains("records[1].value at \"/qty\": is bad"), e.getMessage());
    assertEquals(List.of(), producer.history());
  }

  @Test
  void produce_oneValueInvalidToAPartition_sendsNothing() {
    assertThrows(ProxyException.class, () -> action.produce("orders", 0, JSON,
        body("{\"records\": [{\"value\": \"bad\"}]}")));

    assertEquals(List.of(), producer.history());
  }

  @Test
  void produce_binaryValues_areNotChecked() {
    int status = action.produce("orders", null, BINARY, body("{\"records\": [{\"value\": \"YmFk\"}]}"))
        .toCompletableFuture().join().getStatus();

    assertEquals(200, status);
    assertEquals(1, producer.history().size());
  }

  @Test
  void produce_tooManyRecords_sendsNothing() {
    ProxyException e = assertThrows(ProxyException.class, () -> action.produce("orders", null, JSON,
        body("{\"records\": [{\"value\": 1}, {\"value\": 2}, {\"value\": 3}, {\"value\": 4}]}")));

    assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, e.errorCode());
    assertEquals(List.of(), producer.history());
  }

  @Test
  void produce_illegalTopicName_returns40002AndSendsNothing() {
    ProxyException e = assertThrows(ProxyException.class, () -> action.produce("orders!", null, JSON,
        body("{\"records\": [{\"value\": 1}]}")));

    assertEquals(ErrorCode.KAFKA_BAD_REQUEST, e.errorCode());
    assertEquals(List.of(), producer.history());
  }

  private static ByteArrayInputStream body(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }
}
