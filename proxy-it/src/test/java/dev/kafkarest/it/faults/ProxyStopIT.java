package dev.kafkarest.it.faults;

import static dev.kafkarest.it.Payloads.b64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.it.Await;
import dev.kafkarest.it.HttpResult;
import dev.kafkarest.it.KafkaBrokerExtension;
import dev.kafkarest.it.KafkaTestClient;
import dev.kafkarest.it.MediaTypes;
import dev.kafkarest.it.ProxyClient;
import dev.kafkarest.it.RestConsumer;
import dev.kafkarest.it.TestBroker;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The proxy stops under produce load: SIGTERM (graceful) and SIGKILL. The proxy runs in a JVM of its own,
 * started from the packaged jar, against the shared broker; every record is accounted for by its id.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ProxyStopIT {
  private static KafkaTestClient kafka;
  private static String bootstrapServers;

  @BeforeAll
  static void connect(TestBroker broker) {
    bootstrapServers = broker.bootstrapServers();
    kafka = new KafkaTestClient(bootstrapServers);
  }

  @AfterAll
  static void disconnect() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void sigterm_underLoad_finishesInFlight_losesNothing_andCommitsInstanceOffsets() throws Exception {
    String topic = kafka.createTopic("sigterm", 3);
    String readTopic = kafka.createTopic("sigterm-read", 1);
    String group = KafkaTestClient.uniqueName("sigterm-g");
    ProxyJvm proxyJvm = ProxyJvm.start("proxy-sigterm", bootstrapServers, Map.of());
    try {
      ProxyClient proxy = new ProxyClient(URI.create("http://127.0.0.1:" + proxyJvm.port() + "/"));
      produce(proxy, readTopic, 300);
      RestConsumer consumer = RestConsumer.create(proxy, group,
          "{\"format\":\"binary\",\"auto.offset.reset\":\"earliest\",\"auto.commit.enable\":\"true\"}");
      assertEquals(204, consumer.subscribe(readTopic).status());
      int delivered = consumer.readUntil(MediaTypes.BINARY_V2, 300, Duration.ofSeconds(30)).size();

      ProduceLoad load = ProduceLoad.start(topic, 4, proxyJvm::port);
      int exit;
      long stopMs;
      HttpResult longPoll;
      try {
        Await.until(Duration.ofSeconds(60), "200 acknowledged records", () -> load.acknowledgedCount() >= 200);
        // A read that waits 3 s for records that never come is in flight when SIGTERM arrives.
        CompletableFuture<HttpResult> inFlight =
            CompletableFuture.supplyAsync(() -> consumer.read(MediaTypes.BINARY_V2, 3_000));
        BrokerFaultsIT.sleepMillis(500);
        long start = System.nanoTime();
        exit = proxyJvm.terminate(Duration.ofSeconds(40));
        stopMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        longPoll = inFlight.join();
      } finally {
        load.close();
      }
      ProduceLoad.Accounting accounting = load.account(Landed.values(kafka, topic));
      OffsetAndMetadata committed = kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
          .get(30, TimeUnit.SECONDS).get(new TopicPartition(readTopic, 0));
      FaultReport.row("Proxy SIGTERM under produce load, 4 workers", accounting.cells() + " | exit " + exit
          + " after " + stopMs + " ms; long poll in flight: HTTP " + longPoll.status() + "; instance committed "
          + (committed == null ? "nothing" : committed.offset()) + " of " + delivered + " delivered");

      assertEquals(200, longPoll.status(), longPoll::toString);
      assertEquals(0, accounting.lost(), accounting::toString);
      assertEquals(0, accounting.misplaced(), accounting::toString);
      // A connection the kernel accepted just before the listener closed is reset unread: the client sees it
      // closed after sending, though the proxy never took the request. Such requests must not have produced
      // anything (unackedLanded), and there is at most one per worker (each had just opened its connection).
      assertEquals(0, accounting.unackedLanded(), accounting::toString);
      assertTrue(accounting.failures().getOrDefault("connection closed in flight", 0L) <= 4, accounting::toString);
      assertTrue(committed != null && committed.offset() == delivered, () -> "committed " + committed);
      assertTrue(proxyJvm.log().contains("Kafka REST proxy stopped"), "the shutdown ran to its end");
    } finally {
      proxyJvm.close();
    }
  }

  @Test
  void sigkill_underLoad_losesNoAcknowledgedRecord_andARestartedProxyServesAgain() throws Exception {
    String topic = kafka.createTopic("sigkill", 3);
    AtomicInteger port = new AtomicInteger();
    ProxyJvm first = ProxyJvm.start("proxy-sigkill", bootstrapServers, Map.of());
    ProxyJvm second = null;
    port.set(first.port());
    ProduceLoad load = ProduceLoad.start(topic, 4, port::get);
    int beforeKill;
    try {
      Await.until(Duration.ofSeconds(60), "200 acknowledged records", () -> load.acknowledgedCount() >= 200);
      first.kill();
      beforeKill = load.acknowledgedCount();
      second = ProxyJvm.start("proxy-sigkill-2", bootstrapServers, Map.of());
      port.set(second.port());
      int target = beforeKill + 200;
      Await.until(Duration.ofSeconds(60), "acknowledgements from the restarted proxy",
          () -> load.acknowledgedCount() >= target);
    } finally {
      load.close();
      first.close();
      if (second != null) {
        second.close();
      }
    }
    ProduceLoad.Accounting accounting = load.account(Landed.values(kafka, topic));
    FaultReport.row("Proxy SIGKILL under produce load, 4 workers, then a new proxy", accounting.cells());
    assertEquals(0, accounting.lost(), accounting::toString);
    assertEquals(0, accounting.misplaced(), accounting::toString);
  }

  private static void produce(ProxyClient proxy, String topic, int count) {
    String records = IntStream.range(0, count).mapToObj(n -> "{\"value\":\"" + b64("r-" + n) + "\"}")
        .collect(Collectors.joining(","));
    HttpResult result = proxy.produce(topic, MediaTypes.BINARY_V2, "{\"records\":[" + records + "]}");
    assertEquals(200, result.status(), result::toString);
  }
}
