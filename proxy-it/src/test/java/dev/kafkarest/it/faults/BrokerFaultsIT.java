package dev.kafkarest.it.faults;

import static dev.kafkarest.it.Payloads.b64;
import static dev.kafkarest.it.ProxyAssertions.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkarest.it.Await;
import dev.kafkarest.it.HttpResult;
import dev.kafkarest.it.KafkaTestClient;
import dev.kafkarest.it.MediaTypes;
import dev.kafkarest.it.Payloads;
import dev.kafkarest.it.ProxyClient;
import dev.kafkarest.it.ProxyExtension;
import dev.kafkarest.it.RestConsumer;
import dev.kafkarest.server.ProxyServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The broker fails under the proxy: down for a while, restarted under produce load, restarted under a
 * reading and committing consumer instance. The class has its own broker (a child JVM on fixed ports,
 * stopped with SIGTERM and started again on the same data) and its own proxy, so the other tests do not
 * see the outages.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BrokerFaultsIT {
  /**
   * The proxy's default bound on a Kafka call ({@code metadata.timeout.ms}, which also bounds a produce request,
   * and the consumer's {@code default.api.timeout.ms}).
   */
  private static final Duration KAFKA_BOUND = Duration.ofSeconds(5);
  /** Slack for scheduling and the HTTP round trip on a shared 2-core machine, measured from the client. */
  private static final Duration SLACK = Duration.ofMillis(1_500);

  private static RestartableBroker broker;
  private static ProxyServer server;
  private static ProxyClient proxy;
  private static KafkaTestClient kafka;

  @BeforeAll
  static void start() {
    broker = RestartableBroker.start("broker-faults");
    server = ProxyExtension.startProxy(broker.bootstrapServers(), Map.of());
    proxy = new ProxyClient(server.baseUri());
    kafka = new KafkaTestClient(broker.bootstrapServers());
  }

  @BeforeEach
  void brokerUp() {
    broker.ensureRunning();
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
    if (server != null) {
      server.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void brokerDown_everyEndpoint_answersWithinBoundWithEnvelope_thenRecoversByItself() throws Exception {
    String topic = kafka.createTopic("down", 1);
    String body = "{\"records\":[{\"value\":\"" + b64("x") + "\"}]}";
    assertEquals(200, proxy.produce(topic, MediaTypes.BINARY_V2, body).status());
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("down-g"),
        "{\"format\":\"binary\",\"auto.offset.reset\":\"earliest\",\"auto.commit.enable\":\"false\"}");
    assertEquals(204, consumer.subscribe(topic).status());
    consumer.readUntil(MediaTypes.BINARY_V2, 1, Duration.ofSeconds(30));
    String group = KafkaTestClient.uniqueName("down-g2");
    String partitions = "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}";
    String offsets = "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":1}]}";
    // An instance serves its calls one at a time, so each concurrent call below gets an instance of its own, as
    // separate clients would have; otherwise the calls would queue behind each other's Kafka timeouts.
    RestConsumer committer = assigned(group, topic);
    RestConsumer committedReader = assigned(group, topic);
    RestConsumer seeker = assigned(group, topic);
    RestConsumer toBeginning = assigned(group, topic);
    RestConsumer toEnd = assigned(group, topic);
    RestConsumer deleted = assigned(group, topic);

    String cluster = kafka.admin().describeCluster().clusterId().get(30, TimeUnit.SECONDS);
    String v1Body = "{\"records\":[{\"value\":\"x\"}]}";

    broker.stop();
    // Calls that must reach Kafka: 503/50302 with Retry-After and the error envelope, in every API. Produce
    // must reach Kafka too: with the topic's partition count cached the records are handed to the producer,
    // and the request still answers within the bound.
    Map<String, Supplier<HttpResult>> needKafka = new LinkedHashMap<>();
    needKafka.put("GET /topics", proxy::getTopics);
    needKafka.put("GET /topics/T", () -> proxy.getTopic(topic));
    needKafka.put("GET /topics/T/partitions", () -> proxy.getPartitions(topic));
    needKafka.put("GET /topics/T/partitions/0", () -> proxy.getPartition(topic, 0));
    needKafka.put("GET /topics/T/partitions/0/offsets", () -> proxy.getOffsets(topic, 0));
    needKafka.put("GET /topics/T/partitions/0/records?offset=0",
        () -> proxy.get("/topics/" + topic + "/partitions/0/records?offset=0", "Accept", MediaTypes.BINARY_V2));
    needKafka.put("GET /brokers", proxy::getBrokers);
    needKafka.put("POST /topics/T", () -> proxy.produce(topic, MediaTypes.BINARY_V2, body));
    needKafka.put("POST /topics/T/partitions/0", () -> proxy.produce(topic, 0, MediaTypes.BINARY_V2, body));
    needKafka.put("POST .../offsets (commit)", () -> committer.post("/offsets", offsets));
    needKafka.put("GET .../offsets (committed)", () -> committedReader.committed(topic, 0));
    needKafka.put("POST .../positions/beginning", () -> toBeginning.post("/positions/beginning", partitions));
    needKafka.put("POST .../positions/end", () -> toEnd.post("/positions/end", partitions));
    needKafka.put("GET /v3/clusters/C/topics", () -> proxy.get("/v3/clusters/" + cluster + "/topics"));
    needKafka.put("GET /v1/metadata/topics (HDInsight)", () -> proxy.get("/v1/metadata/topics"));
    needKafka.put("POST /v1/producer/topics/T (HDInsight)",
        () -> proxy.post("/v1/producer/topics/" + topic, "application/json", v1Body));
    // Calls the proxy answers from what it holds: instance life cycle, subscription, assignment, a seek to a
    // given offset, and reads (which find no records); a 503/50302 would be allowed too.
    Map<String, Supplier<HttpResult>> mayAnswerLocally = new LinkedHashMap<>();
    mayAnswerLocally.put("POST /consumers/G", () -> proxy.post("/consumers/" + group, MediaTypes.V2, "{}"));
    mayAnswerLocally.put("GET .../records", () -> consumer.read(MediaTypes.BINARY_V2, 1000));
    mayAnswerLocally.put("GET .../subscription", () -> proxy.get(consumer.path() + "/subscription"));
    mayAnswerLocally.put("GET .../assignments", () -> proxy.get(committer.path() + "/assignments"));
    mayAnswerLocally.put("POST .../positions", () -> seeker.seek(topic, 0, 0));
    mayAnswerLocally.put("DELETE instance", deleted::delete);
    Map<String, HttpResult> outage = callAll(needKafka, mayAnswerLocally);
    Map<String, HttpResult> lifecycle = callAll(Map.of(), Map.of(
        "POST .../subscription", () -> consumer.subscribe(topic)));

    needKafka.keySet().forEach(call -> assertKafkaUnavailable(call, outage.get(call)));
    mayAnswerLocally.keySet().forEach(call -> assertAnsweredOrUnavailable(call, outage.get(call)));
    lifecycle.forEach(BrokerFaultsIT::assertAnsweredOrUnavailable);
    long slowest = outage.values().stream().mapToLong(r -> r.elapsed().toMillis()).max().orElseThrow();
    Map<Integer, Long> statuses = outage.values().stream()
        .collect(Collectors.groupingBy(HttpResult::status, java.util.TreeMap::new, Collectors.counting()));

    Duration restart = broker.startAgain();
    long back = System.nanoTime();
    Await.until(Duration.ofSeconds(30), "produce to work again", () -> proxy.produce(topic, MediaTypes.BINARY_V2, body),
        r -> r.status() == 200 && r.json().get("offsets").get(0).get("error_code").isNull());
    long recoveredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);
    Await.until(Duration.ofSeconds(30), "GET /topics to work again", proxy::getTopics,
        r -> r.status() == 200 && r.body().contains(topic));
    Await.until(Duration.ofSeconds(30), "the instance to commit again", () -> consumer.post("/offsets", offsets),
        r -> r.status() == 200 || r.status() == 204);
    Await.until(Duration.ofSeconds(30), "the instance to read again", () -> consumer.read(MediaTypes.BINARY_V2, 500),
        r -> r.status() == 200 && r.json().size() > 0);
    FaultReport.row("Broker down (SIGTERM), every endpoint",
        outage.size() + lifecycle.size() + " calls; statuses " + statuses + "; slowest " + slowest + " ms; broker back in "
            + restart.toMillis() + " ms; first produce " + recoveredMs + " ms after that; no proxy restart");
  }

  @Test
  void brokerRestart_underProduceLoad_losesNoAcknowledgedRecord() throws Exception {
    String topic = kafka.createTopic("restart-load", 3);
    int port = server.baseUri().getPort();
    ProduceLoad load = ProduceLoad.start(topic, 4, () -> port);
    try {
      awaitAcknowledged(load, 200 * FaultReport.scale());
      broker.stop();
      sleepSeconds(3L * FaultReport.scale());
      broker.startAgain();
      int before = load.acknowledgedCount();
      awaitAcknowledged(load, before + 200 * FaultReport.scale());
    } finally {
      load.close();
    }
    ProduceLoad.Accounting accounting = load.account(Landed.values(kafka, topic));
    FaultReport.row("Broker restart (SIGTERM, 3 s down) under produce load, 4 workers", accounting.cells());
    assertEquals(0, accounting.lost(), accounting::toString);
    assertEquals(0, accounting.misplaced(), accounting::toString);
    assertTrue(accounting.acknowledged() >= 400 * FaultReport.scale(), accounting::toString);
  }

  @Test
  void consumerInstance_acrossBrokerRestart_missesNothingAndRepeatsOnlyUncommitted() throws Exception {
    String topic = kafka.createTopic("restart-consume", 2);
    produce(topic, "pre", 2_000);
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("restart-g"),
        "{\"format\":\"binary\",\"auto.offset.reset\":\"earliest\",\"auto.commit.enable\":\"false\"}");
    assertEquals(204, consumer.subscribe(topic).status());

    Map<String, Integer> deliveries = new HashMap<>();
    Map<Integer, Long> committed = new HashMap<>();
    List<long[]> sinceCommit = new ArrayList<>();
    long maxUncommitted = 0;
    long repeats = 0;
    long repeatsBelowCommitted = 0;
    Map<Integer, Long> errors = new java.util.TreeMap<>();
    CompletableFuture<Void> restarted = null;
    boolean producedAfter = false;
    int expected = 2_000;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!producedAfter || distinct(deliveries) < expected) {
      assertTrue(System.nanoTime() < deadline, () -> "delivered " + deliveries.size() + " of the records in time");
      if (restarted == null && deliveries.size() >= 500) {
        broker.stop();
        restarted = CompletableFuture.runAsync(() -> {
          sleepSeconds(3);
          broker.startAgain();
        });
      }
      if (restarted != null && restarted.isDone() && !producedAfter) {
        restarted.join();
        produce(topic, "post", 500);
        expected += 500;
        producedAfter = true;
      }
      HttpResult read = consumer.read(MediaTypes.BINARY_V2, 500, 4_096);
      if (read.status() != 200) {
        errors.merge(read.status(), 1L, Long::sum);
        continue;
      }
      for (JsonNode record : read.json()) {
        int partition = record.get("partition").intValue();
        long offset = record.get("offset").longValue();
        String id = Payloads.utf8(java.util.Base64.getDecoder().decode(record.get("value").textValue()));
        if (deliveries.merge(partition + ":" + offset + ":" + id, 1, Integer::sum) > 1) {
          repeats++;
          if (offset < committed.getOrDefault(partition, 0L)) {
            repeatsBelowCommitted++;
          }
        }
        sinceCommit.add(new long[] {partition, offset});
      }
      maxUncommitted = Math.max(maxUncommitted, sinceCommit.size());
      if (!sinceCommit.isEmpty()) {
        HttpResult commit = consumer.commit();
        if (commit.status() == 200 || commit.status() == 204) {
          sinceCommit.forEach(po -> committed.merge((int) po[0], po[1] + 1, Math::max));
          sinceCommit.clear();
        } else {
          errors.merge(commit.status(), 1L, Long::sum);
        }
      }
    }
    Set<String> inTopic = new HashSet<>();
    Landed.values(kafka, topic).forEach(e -> inTopic.add(e.getValue() + ":" + e.getKey()));
    Set<String> delivered = deliveries.keySet();
    long skipped = inTopic.stream().filter(r -> !delivered.contains(r)).count();
    consumer.delete();
    FaultReport.row("Consumer instance across a broker restart (SIGTERM, 3 s down), commit after each read",
        "delivered " + delivered.size() + " of " + inTopic.size() + " in topic; skipped " + skipped + "; repeated "
            + repeats + " (bound: " + maxUncommitted + " uncommitted at most); repeated below committed "
            + repeatsBelowCommitted + "; errors by status " + errors);
    assertEquals(inTopic.size(), delivered.size());
    assertEquals(0, skipped);
    assertEquals(0, repeatsBelowCommitted);
    long repeated = repeats;
    long bound = maxUncommitted;
    assertTrue(repeated <= bound, () -> repeated + " repeats, more than " + bound + " uncommitted");
  }

  /** {@return a new instance of {@code group}, assigned partition 0 of {@code topic}} */
  private static RestConsumer assigned(String group, String topic) {
    RestConsumer instance = RestConsumer.create(proxy, group, "{\"format\":\"binary\",\"auto.commit.enable\":\"false\"}");
    assertEquals(204, instance.assign(topic, 0).status());
    return instance;
  }

  private static int distinct(Map<String, Integer> deliveries) {
    return deliveries.size();
  }

  /** Produces {@code count} records with ids {@code prefix-n} through the proxy, 100 per request. */
  private static void produce(String topic, String prefix, int count) {
    for (int start = 0; start < count; start += 100) {
      String records = IntStream.range(start, Math.min(count, start + 100))
          .mapToObj(n -> "{\"value\":\"" + b64(prefix + "-" + n) + "\"}")
          .collect(Collectors.joining(","));
      HttpResult result = Await.until(Duration.ofSeconds(30), "produce " + prefix,
          () -> proxy.produce(topic, MediaTypes.BINARY_V2, "{\"records\":[" + records + "]}"),
          r -> r.status() == 200 && r.body().contains("\"error_code\":null") && !r.body().contains("\"error_code\":5"));
      assertEquals(200, result.status());
    }
  }

  private static Map<String, HttpResult> callAll(Map<String, Supplier<HttpResult>> first,
      Map<String, Supplier<HttpResult>> second) {
    Map<String, Supplier<HttpResult>> all = new LinkedHashMap<>(first);
    all.putAll(second);
    ExecutorService pool = Executors.newFixedThreadPool(all.size());
    try {
      Map<String, CompletableFuture<HttpResult>> calls = new LinkedHashMap<>();
      all.forEach((name, call) -> calls.put(name, CompletableFuture.supplyAsync(call, pool)));
      Map<String, HttpResult> results = new LinkedHashMap<>();
      calls.forEach((name, call) -> results.put(name, call.join()));
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertWithinBound(String call, HttpResult result) {
    assertTrue(result.elapsed().compareTo(KAFKA_BOUND.plus(SLACK)) <= 0,
        () -> call + " should answer within " + KAFKA_BOUND + " (+" + SLACK + " slack): " + result);
  }

  /**
   * 503 with {@code error_code} 50302 "Kafka broker not available", a plain {@code message}, no stack trace,
   * and {@code Retry-After}.
   */
  private static void assertKafkaUnavailable(String call, HttpResult result) {
    assertWithinBound(call, result);
    assertEquals(503, result.status(), () -> call + ": " + result);
    JsonNode error = result.json();
    assertEquals(50302, error.path("error_code").intValue(), () -> call + ": " + result);
    assertTrue(error.path("message").isTextual(), () -> call + ": " + result);
    assertEquals("5", result.header("Retry-After"), () -> call + ": Retry-After: " + result);
    assertNoStackTrace(result);
  }

  /** A success, or {@link #assertKafkaUnavailable}. */
  private static void assertAnsweredOrUnavailable(String call, HttpResult result) {
    if (result.status() >= 500) {
      assertKafkaUnavailable(call, result);
      return;
    }
    assertWithinBound(call, result);
    assertTrue(result.status() >= 200 && result.status() < 300, () -> call + ": " + result);
  }

  private static void awaitAcknowledged(ProduceLoad load, int count) {
    Await.until(Duration.ofSeconds(60), count + " acknowledged records", () -> load.acknowledgedCount() >= count);
  }

  static void sleepSeconds(long seconds) {
    sleepMillis(TimeUnit.SECONDS.toMillis(seconds));
  }

  static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
