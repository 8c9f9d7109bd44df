package dev.kafkarest.it;

import static dev.kafkarest.it.Payloads.b64;
import static dev.kafkarest.it.ProxyAssertions.assertError;
import static dev.kafkarest.it.ProxyAssertions.assertProduced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.ProxyServer;
import dev.kafkarest.server.security.StoredPassword;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quotas ({@code quota.*}): a request over its client's quota is answered 429/42901 with
 * {@code Retry-After}, nothing of it reaches Kafka, and the client is served again once the wait is over.
 * Each test starts its own proxy with the quotas it needs, against the shared broker.
 */
@ProxyTest
class QuotaIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final KafkaTestClient kafka;
  private @Nullable ProxyServer server;

  @TempDir
  Path dir;

  QuotaIT(KafkaTestClient kafka) {
    this.kafka = kafka;
  }

  private ProxyClient start(Map<String, String> settings) {
    server = ProxyExtension.startProxy(kafka.bootstrapServers(), settings);
    return new ProxyClient(server.baseUri());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String record(String value) {
    return "{\"records\":[{\"value\":\"" + b64(value) + "\"}]}";
  }

  /** {@return the Retry-After seconds of a 429/42901, asserting the envelope and a value of at least 1} */
  private static long assertQuotaExceeded(HttpResult result) {
    assertError(result, 429, 42901);
    String retryAfter = result.header("Retry-After");
    assertNotNull(retryAfter, () -> "no Retry-After: " + result);
    long seconds = Long.parseLong(retryAfter);
    assertTrue(seconds >= 1, () -> "Retry-After below 1: " + result);
    return seconds;
  }

  private Set<String> valuesIn(String topic) {
    Set<String> values = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(topic)) {
      values.add(new String(record.value(), StandardCharsets.UTF_8));
    }
    return values;
  }

  private static void sleep(long seconds) throws InterruptedException {
    Thread.sleep(Duration.ofSeconds(seconds).toMillis());
  }

  @Test
  void produceBurst_overRequestQuota_refusedWithRetryAfter_nothingRefusedReachesKafka_thenServedAgain()
      throws Exception {
    ProxyClient proxy = start(Map.of("quota.produce.requests.per.second", "3"));
    String topic = kafka.createTopic("quota-produce", 1);
    Set<String> accepted = new HashSet<>();
    long retryAfter = 0;

    for (int i = 0; i < 20; i++) {
      HttpResult result = proxy.produce(topic, MediaTypes.BINARY_V2, record("v" + i));
      if (result.status() == 200) {
        assertProduced(result, 1);
        accepted.add("v" + i);
      } else {
        retryAfter = assertQuotaExceeded(result);
        assertTrue(result.elapsed().toMillis() < 1_000, () -> "refused slowly: " + result);
      }
    }

    assertTrue(retryAfter >= 1, "a burst of 20 with a quota of 3 per second was refused");
    assertTrue(accepted.size() >= 3 && accepted.size() < 20, () -> "accepted: " + accepted);
    assertEquals(accepted, valuesIn(topic));
    sleep(retryAfter);
    assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, record("after")), 1);
    assertTrue(valuesIn(topic).contains("after"));
  }

  @Test
  void produceToPartition_countsAgainstTheSameQuota() {
    ProxyClient proxy = start(Map.of("quota.produce.requests.per.second", "1"));
    String topic = kafka.createTopic("quota-partition", 1);

    Set<String> accepted = exhaust(proxy, Endpoints.partition(topic, 0), "to-partition");
    assertQuotaExceeded(proxy.produce(topic, MediaTypes.BINARY_V2, record("to-topic")));

    assertEquals(accepted, valuesIn(topic));
  }

  /** Jersey routes {@code /topics;x=1/t} as {@code /topics/t}: matrix parameters do not get past the quota. */
  @Test
  void produceWithMatrixParameters_countsAgainstTheSameQuota() {
    ProxyClient proxy = start(Map.of("quota.produce.requests.per.second", "1"));
    String topic = kafka.createTopic("quota-matrix", 1);

    Set<String> accepted = exhaust(proxy, "/topics;x=1/" + topic, "matrix");

    assertEquals(accepted, valuesIn(topic));
  }

  /**
   * Produces to {@code path} until a request is refused (the first to a new topic can take long enough
   * for the allowance to refill), asserting the refusal; {@return the values accepted}
   */
  private static Set<String> exhaust(ProxyClient proxy, String path, String prefix, String... headers) {
    Set<String> accepted = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      HttpResult result = proxy.post(path, MediaTypes.BINARY_V2, record(prefix + "-" + i), headers);
      if (result.status() != 200) {
        assertQuotaExceeded(result);
        return accepted;
      }
      assertProduced(result, 1);
      accepted.add(prefix + "-" + i);
    }
    throw new AssertionError("ten produce requests to " + path + " were all accepted");
  }

  @Test
  void hdinsightProduce_overRequestQuota_refusedWithRetryAfter_nothingRefusedReachesKafka() {
    ProxyClient proxy = start(Map.of("quota.produce.requests.per.second", "1"));
    String topic = kafka.createTopic("quota-hdi-produce", 1);
    Set<String> accepted = new HashSet<>();
    HttpResult refused = null;

    for (int i = 0; i < 10 && refused == null; i++) {
      HttpResult result = proxy.post("/v1/producer/topics/" + topic, "application/json",
          "{\"records\":[{\"value\":\"hdi-" + i + "\"}]}");
      if (result.status() == 200) {
        accepted.add("hdi-" + i);
      } else {
        refused = result;
      }
    }

    assertNotNull(refused, "ten quick HDInsight produce requests with a quota of 1 per second were all served");
    assertQuotaExceeded(refused);
    assertEquals(accepted, valuesIn(topic));
  }

  @Test
  void hdinsightConsume_overRequestQuota_refusedWithRetryAfter() {
    assertReadsCounted("/v1/consumer/topics/%s/partitions/0/offsets/0?count=1");
  }

  @Test
  void v2ReadByOffset_overRequestQuota_refusedWithRetryAfter() {
    assertReadsCounted("/topics/%s/partitions/0/records?offset=0&count=1", "Accept", MediaTypes.BINARY_V2);
  }

  @Test
  void v1SimpleRead_overRequestQuota_refusedWithRetryAfter() {
    assertReadsCounted("/topics/%s/partitions/0/messages?offset=0&count=1", "Accept", MediaTypes.BINARY_V1);
  }

  /**
   * With a read quota of 1 per second, reads of one record by offset on {@code pathFormat} (the topic
   * filled in) are served until one is refused with 429/42901 and {@code Retry-After}; produce is not counted.
   */
  private void assertReadsCounted(String pathFormat, String... headers) {
    ProxyClient proxy = start(Map.of("quota.consume.requests.per.second", "1"));
    String topic = kafka.createTopic("quota-offset-read", 1);
    assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, record("r")), 1);
    String path = pathFormat.formatted(topic);
    HttpResult refused = null;
    int served = 0;

    for (int i = 0; i < 10 && refused == null; i++) {
      HttpResult result = proxy.get(path, headers);
      if (result.status() == 200) {
        served++;
      } else {
        refused = result;
      }
    }

    assertNotNull(refused, "ten quick reads of " + path + " with a quota of 1 per second were all served");
    assertQuotaExceeded(refused);
    assertTrue(served >= 1, "the first read is served");
    assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, record("s")), 1);
  }

  @Test
  void consumeReads_overRequestQuota_refusedWithRetryAfter_thenServedAgain() throws Exception {
    ProxyClient proxy = start(Map.of("quota.consume.requests.per.second", "2"));
    String topic = kafka.createTopic("quota-consume", 1);
    assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, record("r")), 1);
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"),
        "{\"format\":\"binary\",\"auto.offset.reset\":\"earliest\"}");
    assertEquals(204, consumer.assign(topic, 0).status());

    HttpResult refused = null;
    for (int i = 0; i < 10 && refused == null; i++) {
      HttpResult result = consumer.read(MediaTypes.BINARY_V2, 1);
      if (result.status() != 200) {
        refused = result;
      }
    }

    assertNotNull(refused, "ten quick reads with a quota of 2 per second were all served");
    long retryAfter = assertQuotaExceeded(refused);
    // Other consumer calls and produce are not counted as reads.
    assertEquals(204, consumer.seekToBeginning(topic, 0).status());
    assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, record("s")), 1);
    sleep(retryAfter);
    assertEquals(200, consumer.read(MediaTypes.BINARY_V2, 1).status());
    consumer.delete();
  }

  @Test
  void consumeBytes_chargedAfterTheRead_nextReadWaitsForTheDebt() {
    ProxyClient proxy = start(Map.of("quota.consume.bytes.per.second", "1000"));
    String topic = kafka.createTopic("quota-consume-bytes", 1);
    for (int i = 0; i < 5; i++) {
      assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, record("x".repeat(1_000))), 1);
    }
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"),
        "{\"format\":\"binary\",\"auto.offset.reset\":\"earliest\"}");
    assertEquals(204, consumer.assign(topic, 0).status());

    HttpResult big = Await.until(WAIT, "a read with the records", () -> consumer.read(MediaTypes.BINARY_V2, 500),
        result -> result.status() != 200 || result.body().length() > 1_000);
    assertEquals(200, big.status(), () -> "the read over the allowance is answered in full: " + big);
    long owed = big.body().length() - 1_000;

    long retryAfter = assertQuotaExceeded(consumer.read(MediaTypes.BINARY_V2, 1));
    assertTrue(retryAfter >= owed / 1_000, () -> "Retry-After " + retryAfter + " for " + owed + " bytes owed");
  }

  /**
   * A stream is charged batch by batch and reads nothing while its client owes bytes: it delivers at about the
   * consume byte rate, where without the charge the whole topic arrived at once. Nothing is lost.
   */
  @Test
  void consumeBytes_streamChargedPerBatch_deliversAtTheQuotasRate() throws Exception {
    ProxyClient proxy = start(Map.of("quota.consume.bytes.per.second", "20000", "stream.batch.max.bytes", "10000"));
    String topic = kafka.createTopic("quota-stream-bytes", 1);
    int total = 100;
    for (int i = 0; i < total; i++) {
      assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, record("x".repeat(1_000))), 1);
    }
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"),
        "{\"format\":\"binary\",\"auto.offset.reset\":\"earliest\"}");
    assertEquals(204, consumer.assign(topic, 0).status());

    int received = 0;
    int withinTwoSeconds = 0;
    long bytes = 0;
    long start = System.nanoTime();
    try (EventStream stream = EventStream.open(proxy, consumer.path() + "/records", "Accept",
        "application/x-ndjson")) {
      assertEquals(200, stream.status());
      while (received < total) {
        String line = stream.next(WAIT);
        assertNotNull(line, () -> "the stream stopped");
        if (line.isEmpty()) {
          continue;
        }
        received++;
        bytes += line.length() + 1;
        if (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2)) {
          withinTwoSeconds++;
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    // About 145 KB at 20 KB/s after a 20 KB burst: over 6 s. Without the charge, all arrived within a second.
    assertTrue(withinTwoSeconds < 80, "within 2 s: " + withinTwoSeconds + " of " + total + " records");
    long sent = bytes;
    assertTrue(seconds > (sent - 20_000) / 20_000.0 * 0.7, () -> sent + " bytes in " + seconds + " s");
    consumer.delete();
  }

  @Test
  void principalOverride_withBasicAuthentication_appliesToThatPrincipal() throws Exception {
    Path users = dir.resolve("users");
    Files.writeString(users, "alice:" + StoredPassword.Bcrypt.hash("alice-pw", 4).hash() + "\n"
        + "bob:" + StoredPassword.Bcrypt.hash("bob-pw", 4).hash() + "\n");
    Map<String, String> settings = new HashMap<>();
    settings.put("authentication.method", "BASIC");
    settings.put("authentication.basic.users.file", users.toString());
    settings.put("quota.produce.requests.per.second", "1");
    settings.put("quota.principal.alice.produce.requests.per.second", "50");
    ProxyClient proxy = start(settings);
    String topic = kafka.createTopic("quota-principal", 1);
    String alice = basic("alice", "alice-pw");
    String bob = basic("bob", "bob-pw");

    for (int i = 0; i < 5; i++) {
      assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, record("alice-" + i), "Authorization", alice), 1);
    }
    assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, record("bob-0"), "Authorization", bob), 1);
    assertQuotaExceeded(proxy.produce(topic, MediaTypes.BINARY_V2, record("bob-1"), "Authorization", bob));
    // Unauthenticated requests are refused by authentication first, and take nothing from bob.
    assertEquals(401, proxy.produce(topic, MediaTypes.BINARY_V2, record("anonymous")).status());

    assertEquals(Set.of("alice-0", "alice-1", "alice-2", "alice-3", "alice-4", "bob-0"), valuesIn(topic));
  }

  @Test
  void anonymousClients_areKeyedByAddress() {
    ProxyClient proxy = start(Map.of("quota.produce.requests.per.second", "1"));
    String topic = kafka.createTopic("quota-address", 1);
    Set<String> accepted = new HashSet<>(exhaust(proxy, Endpoints.topic(topic), "from-1"));

    HttpResult other = RawHttp.send(loopback2(), proxy.baseUri(), "POST", Endpoints.topic(topic),
        List.of("Content-Type: " + MediaTypes.BINARY_V2), Payloads.utf8(record("from-2")), WAIT);

    assertEquals(200, other.status(), () -> "another address has its own quota: " + other);
    accepted.add("from-2");
    assertEquals(accepted, valuesIn(topic));
  }

  @Test
  void produceBytesInFlight_overTheCap_refused_andReleasedWhenTheClientDisconnects() throws Exception {
    ProxyClient proxy = start(Map.of("quota.produce.bytes.inflight.max", "1000"));
    String topic = kafka.createTopic("quota-inflight", 1);
    String small = record("y".repeat(150));
    AtomicInteger producedWhileWaiting = new AtomicInteger();

    try (SlowProduce slow = new SlowProduce(proxy, topic)) {
      // Until the proxy counts the slow body's 900 bytes, a small produce still fits under the cap; and
      // when the slow body arrives while a small one is in flight, the slow one is refused: send it again.
      HttpResult refused = Await.until(WAIT, "a produce refused while 900 bytes are in flight", () -> {
        slow.resendIfAnswered();
        HttpResult result = proxy.produce(topic, MediaTypes.BINARY_V2, small);
        if (result.status() == 200) {
          producedWhileWaiting.incrementAndGet();
        }
        return result;
      }, result -> result.status() != 200);
      assertEquals("1", refused.header("Retry-After"), () -> "Retry-After of " + refused);
      assertQuotaExceeded(refused);
    }

    // The slow client is gone: its bytes are released, and a produce fits again.
    HttpResult after = Await.until(WAIT, "a produce once the slow client disconnected",
        () -> proxy.produce(topic, MediaTypes.BINARY_V2, small), result -> result.status() == 200);
    assertProduced(after, 1);
    // Nothing of the slow body, nor of the refused produce, reached Kafka.
    assertEquals(producedWhileWaiting.get() + 1, kafka.recordCount(topic));
  }

  /** A produce that announces 900 bytes of body, sends the first few and then waits. */
  private static final class SlowProduce implements AutoCloseable {
    private final ProxyClient proxy;
    private final String topic;
    private Socket socket;

    SlowProduce(ProxyClient proxy, String topic) throws IOException {
      this.proxy = proxy;
      this.topic = topic;
      this.socket = send();
    }

    private Socket send() throws IOException {
      Socket connection = new Socket(proxy.baseUri().getHost(), proxy.baseUri().getPort());
      OutputStream out = connection.getOutputStream();
      out.write(("POST " + Endpoints.topic(topic) + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
          + MediaTypes.BINARY_V2 + "\r\nContent-Length: 900\r\n\r\n{\"records\":[{\"value\":\"")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return connection;
    }

    /** Sends the slow produce again when the proxy answered it (it was refused, not held). */
    void resendIfAnswered() {
      try {
        if (socket.getInputStream().available() > 0) {
          socket.close();
          socket = send();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static InetAddress loopback2() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
