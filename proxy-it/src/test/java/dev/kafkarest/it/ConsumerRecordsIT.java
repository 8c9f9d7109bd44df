package dev.kafkarest.it;

import static dev.kafkarest.it.ProxyAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkarest.server.metrics.PrometheusText;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** How reads answer: early when data is there, limits, oversized and undecodable records, bad states. */
@ProxyTest
class ConsumerRecordsIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final ProxyClient proxy;
  private final KafkaTestClient kafka;

  ConsumerRecordsIT(ProxyClient proxy, KafkaTestClient kafka) {
    this.proxy = proxy;
    this.kafka = kafka;
  }

  private RestConsumer assigned(String topic, String format) {
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"),
        "{\"format\":\"" + format + "\",\"auto.offset.reset\":\"earliest\"}");
    assertEquals(204, consumer.assign(topic, 0).status());
    return consumer;
  }

  @Test
  void read_noData_answersEmptyArrayAfterTheTimeout() {
    String topic = kafka.createTopic("idle", 1);
    RestConsumer consumer = assigned(topic, "binary");
    HttpResult result = consumer.read(MediaTypes.BINARY_V2, 700);
    assertEquals(200, result.status());
    assertEquals("[]", result.body());
    assertTrue(result.elapsed().toMillis() >= 600, () -> "answered too early: " + result.elapsed());
    assertTrue(result.elapsed().toMillis() < 5_000, () -> "answered too late: " + result.elapsed());
    consumer.delete();
  }

  /**
   * {@code HEAD} of a read would take records and drop them (Jersey runs the {@code GET} for it): 405 with {@code
   * Allow: GET}, for the records call and v1's high-level read, and the record is still there for the next read.
   */
  @Test
  void head_ofARead_is405AndTakesNothing() {
    String topic = kafka.createTopic("head", 1);
    assertEquals(200, proxy.produce(topic, MediaTypes.BINARY_V2,
        "{\"records\":[{\"value\":\"" + Payloads.b64("kept") + "\"}]}").status());
    RestConsumer consumer = assigned(topic, "binary");

    HttpResult records = proxy.method("HEAD", consumer.path() + "/records?timeout=500",
        BodyPublishers.noBody(), "Accept", MediaTypes.BINARY_V2);
    HttpResult v1Read = proxy.method("HEAD", consumer.path() + "/topics/" + topic + "?timeout=500",
        BodyPublishers.noBody(), "Accept", MediaTypes.BINARY_V2);
    List<JsonNode> read = consumer.readUntil(MediaTypes.BINARY_V2, 1, WAIT);

    assertEquals(405, records.status(), records::toString);
    assertEquals("GET", records.header("Allow"), records::toString);
    assertEquals(405, v1Read.status(), v1Read::toString);
    assertEquals(Payloads.b64("kept"), read.get(0).get("value").asText());
    consumer.delete();
  }

  /**
   * A read that is already waiting answers when a record arrives, not at its timeout. The produce must
   * come after the read reached the proxy: an instance that subscribed joins its group only in a read's
   * poll, so the group gaining the partition proves the read is in progress on the proxy, and the empty
   * topic keeps it waiting until the produce.
   */
  @Test
  void read_waitingLongPoll_answersAsSoonAsDataArrives() throws Exception {
    String topic = kafka.createTopic("tail", 1);
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"),
        "{\"format\":\"json\",\"auto.offset.reset\":\"earliest\",\"consumer.request.timeout.ms\":20000}");
    assertEquals(204, consumer.subscribe(topic).status());

    CompletableFuture<HttpResult> pending =
        CompletableFuture.supplyAsync(() -> consumer.read(MediaTypes.JSON_V2, 15_000));
    Await.until(WAIT, "the read to join the group and get the partition",
        () -> kafka.groupAssignment(consumer.group()), Set.of(new TopicPartition(topic, 0))::equals);
    assertAnsweredByTheNextRecord(pending, topic, "now");
    consumer.delete();
  }

  /**
   * After a read that waited in vain, the instance's reads poll without fetching and rely on the arrival watch
   * (architecture.md); a record produced while the next read waits still answers it at once. The produce comes
   * once the proxy counts one more read waiting than before this one.
   */
  @Test
  void read_afterAReadThatWaitedInVain_answersAsSoonAsDataArrives() throws Exception {
    String topic = kafka.createTopic("quiet", 1);
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"),
        "{\"format\":\"json\",\"consumer.request.timeout.ms\":20000}");
    assertEquals(204, consumer.assign(topic, 0).status());
    assertEquals("[]", consumer.read(MediaTypes.JSON_V2, 700).body());
    double waitingBefore = readsWaiting();

    CompletableFuture<HttpResult> pending =
        CompletableFuture.supplyAsync(() -> consumer.read(MediaTypes.JSON_V2, 15_000));
    Await.until(WAIT, "the read to wait on the proxy", () -> readsWaiting() > waitingBefore);
    assertAnsweredByTheNextRecord(pending, topic, "after");
    consumer.delete();
  }

  /** Produces one JSON record to {@code topic}; the waiting read must answer with it soon, not at its timeout. */
  private void assertAnsweredByTheNextRecord(CompletableFuture<HttpResult> pending, String topic, String value)
      throws Exception {
    assertFalse(pending.isDone(), () -> "the read answered before any record was produced: " + pending.join());
    long produced = System.nanoTime();
    assertEquals(200,
        proxy.produce(topic, MediaTypes.JSON_V2, "{\"records\":[{\"value\":\"" + value + "\"}]}").status());
    HttpResult result = pending.get(20, TimeUnit.SECONDS);
    long waitedMs = (System.nanoTime() - produced) / 1_000_000;

    assertEquals(200, result.status(), result::toString);
    assertEquals(value, result.json().get(0).get("value").textValue());
    assertTrue(waitedMs < 5_000, "the read should answer when data arrives, not at its 15 s timeout: " + waitedMs);
  }

  private double readsWaiting() {
    HttpResult metrics = proxy.get("/metrics");
    assertEquals(200, metrics.status(), metrics::toString);
    return PrometheusText.parse(metrics.body()).sum("kafka_rest_consumer_reads_waiting", Map.of());
  }

  @Test
  void read_maxBytes_limitsTheBatchAndKeepsOrder() {
    String topic = kafka.createTopic("maxbytes", 1);
    proxy.produce(topic, MediaTypes.BINARY_V2, "{\"records\":[{\"value\":\"" + Payloads.b64("aaaa") + "\"},{\"value\":\""
        + Payloads.b64("bbbb") + "\"},{\"value\":\"" + Payloads.b64("cccc") + "\"}]}");
    RestConsumer consumer = assigned(topic, "binary");
    List<JsonNode> all = new ArrayList<>();
    Await.until(WAIT, "all three records, at most two per read", () -> {
      JsonNode batch = consumer.read(MediaTypes.BINARY_V2, 1000, 9).json();
      assertTrue(batch.size() <= 2, "max_bytes=9 fits two 4-byte records: " + batch);
      batch.forEach(all::add);
      return all.size() >= 3;
    });
    assertEquals(List.of(0L, 1L, 2L), all.stream().map(r -> r.get("offset").longValue()).toList());
    consumer.delete();
  }

  @Test
  void read_largeResponse_hasExactContentLengthAndEveryRecordInOrder() {
    String topic = kafka.createTopic("large", 1);
    StringBuilder body = new StringBuilder("{\"records\":[");
    for (int i = 0; i < 2_000; i++) {
      body.append(i == 0 ? "" : ",").append("{\"value\":{\"n\":").append(i).append(",\"pad\":\"")
          .append("x".repeat(200)).append("\"}}");
    }
    assertEquals(200, proxy.produce(topic, MediaTypes.JSON_V2, body.append("]}").toString()).status());
    RestConsumer consumer = assigned(topic, "json");
    List<JsonNode> all = new ArrayList<>();
    Await.until(WAIT, "all 2,000 records", () -> {
      HttpResult result = consumer.read(MediaTypes.JSON_V2, 1000, 10_000_000);
      assertEquals(200, result.status());
      // Bodies of several hundred KB span many buffer chunks; they are sent with their length, not chunked.
      assertEquals(String.valueOf(result.body().getBytes(StandardCharsets.UTF_8).length),
          result.header("Content-Length"));
      assertEquals(null, result.header("Transfer-Encoding"));
      result.json().forEach(all::add);
      return all.size() >= 2_000;
    });
    for (int i = 0; i < 2_000; i++) {
      assertEquals(i, all.get(i).get("value").get("n").intValue());
      assertEquals(i, all.get(i).get("offset").longValue());
    }
    consumer.delete();
  }

  @Test
  void read_recordLargerThanMaxBytes_isReturnedAlone() {
    String topic = kafka.createTopic("oversized", 1);
    String big = "x".repeat(5_000);
    proxy.produce(topic, MediaTypes.BINARY_V2, "{\"records\":[{\"value\":\"" + Payloads.b64(big) + "\"},{\"value\":\""
        + Payloads.b64("small") + "\"}]}");
    RestConsumer consumer = assigned(topic, "binary");
    JsonNode first = Await.until(WAIT, "the oversized record",
        () -> consumer.read(MediaTypes.BINARY_V2, 1000, 100).json(), batch -> batch.size() > 0);
    assertEquals(1, first.size());
    assertEquals(Payloads.b64(big), first.get(0).get("value").textValue());
    JsonNode second = Await.until(WAIT, "the next record",
        () -> consumer.read(MediaTypes.BINARY_V2, 1000, 100).json(), batch -> batch.size() > 0);
    assertEquals(Payloads.b64("small"), second.get(0).get("value").textValue());
    consumer.delete();
  }

  @Test
  void read_undecodableRecord_answers40801NamingIt_andSeekingPastUnblocks() {
    String topic = kafka.createTopic("poison", 1);
    proxy.produce(topic, MediaTypes.BINARY_V2, "{\"records\":[{\"value\":\"" + Payloads.b64("{\"ok\":1}")
        + "\"},{\"value\":\"" + Payloads.b64("not json") + "\"},{\"value\":\"" + Payloads.b64("2") + "\"}]}");
    RestConsumer consumer = assigned(topic, "json");

    JsonNode good = Await.until(WAIT, "the good record",
        () -> consumer.read(MediaTypes.JSON_V2, 1000).json(), batch -> batch.size() > 0);
    assertEquals(1, good.size(), "records before the poison record come first: " + good);
    String message = assertError(consumer.read(MediaTypes.JSON_V2, 1000), 408, 40801);
    assertTrue(message.contains("partition 0") && message.contains("offset 1"), message);
    assertError(consumer.read(MediaTypes.JSON_V2, 1000), 408, 40801);

    assertEquals(204, consumer.seek(topic, 0, 2).status());
    JsonNode after = Await.until(WAIT, "the record after the poison one",
        () -> consumer.read(MediaTypes.JSON_V2, 1000).json(), batch -> batch.size() > 0);
    assertEquals(2, after.get(0).get("value").intValue());
    consumer.delete();
  }

  /**
   * JSON written by another producer with numbers beyond what {@code BigDecimal} holds is still valid JSON:
   * a json consumer returns it with the numbers as stored, not a 500.
   */
  @Test
  void read_jsonNumbersWithHugeExponents_returnedAsStored() {
    String topic = kafka.createTopic("huge-exponents", 1);
    String stored = "{\"a\":1e-2147483648,\"b\":[1e2147483648,-1E-2147483649],\"c\":1e400}";
    proxy.produce(topic, MediaTypes.BINARY_V2, "{\"records\":[{\"key\":\"" + Payloads.b64("1e2147483648")
        + "\",\"value\":\"" + Payloads.b64(stored) + "\"}]}");
    RestConsumer consumer = assigned(topic, "json");

    HttpResult result = Await.until(WAIT, "the record",
        () -> consumer.read(MediaTypes.JSON_V2, 1000), r -> r.status() != 200 || !r.body().equals("[]"));

    assertEquals(200, result.status(), result::toString);
    assertEquals("[{\"topic\":\"" + topic + "\",\"key\":1e2147483648,"
        + "\"value\":{\"a\":1e-2147483648,\"b\":[1e2147483648,-1E-2147483649],\"c\":1E+400},"
        + "\"partition\":0,\"offset\":0}]", result.body());
    consumer.delete();
  }

  @Test
  void read_neitherSubscribedNorAssigned_returns40903() {
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"), "{}");
    assertError(consumer.read(MediaTypes.BINARY_V2, 100), 409, 40903);
    consumer.delete();
  }

  @Test
  void read_nonNumericTimeout_returns404() {
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"), "{}");
    assertError(proxy.get(consumer.path() + "/records?timeout=abc", "Accept", MediaTypes.BINARY_V2), 404, 404);
    consumer.delete();
  }
}
