package dev.kafkarest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.ProxyServer;
import dev.kafkarest.server.config.StreamKeys;
import dev.kafkarest.server.metrics.PrometheusText;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Streams under pressure: a reader that does not read, and a thousand streams open at once. */
@ProxyTest
class StreamFlowIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static ProxyServer server;
  private static ProxyClient proxy;

  private final KafkaTestClient kafka;

  StreamFlowIT(KafkaTestClient kafka) {
    this.kafka = kafka;
  }

  @BeforeAll
  static void start(KafkaTestClient kafka) {
    server = ProxyExtension.startProxy(kafka.bootstrapServers(), Map.of(StreamKeys.BATCH_MAX_BYTES, "65536"));
    proxy = new ProxyClient(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * A client that reads nothing gets only what the socket and one batch hold: the instance takes no more
   * records from Kafka for it (what it returned is what a commit without offsets commits). Once the client
   * reads, every record arrives, in order, none lost.
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void stream_slowReader_stopsTakingRecordsAndLosesNone() throws Exception {
    String topic = kafka.createTopic("slow", 1);
    int total = produceLarge(topic, 40, 10);
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"),
        "{\"format\":\"binary\",\"auto.offset.reset\":\"earliest\",\"auto.commit.enable\":\"false\"}");
    assertEquals(204, consumer.assign(topic, 0).status());

    URI uri = proxy.uri(consumer.path() + "/records");
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(16 * 1024);
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
          + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();

      long taken = takenAfterSettling(consumer, topic);
      // Bounded by one batch and the socket's send queue (Grizzly sizes it at 4 × the socket's send buffer:
      // about 8 MiB on a Linux loopback), not by the topic.
      assertTrue(taken < total / 2, "a reader that reads nothing made the instance take " + taken + " of " + total
          + " records (64 KiB each)");

      socket.setSoTimeout(30_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      long next = 0;
      String line;
      while (next < total && (line = in.readLine()) != null) {
        if (line.startsWith("id: ")) {
          assertEquals("id: " + topic + "/0/" + next, line);
          next++;
        }
      }
      assertEquals(total, next, "every record arrives once the client reads");
    }
    consumer.delete();
  }

  /**
   * A client that reads nothing for {@code http.write.timeout.ms} loses its connection: the stream ends, so it
   * holds neither the connection nor its instance's reads for ever, and it is counted as a stream that ended,
   * apart from the records path's request latency.
   */
  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void stream_clientReadsNothingForTheWriteTimeout_connectionClosed() throws Exception {
    String topic = kafka.createTopic("stalled", 1);
    int total = produceLarge(topic, 40, 10);
    try (ProxyServer impatient = ProxyExtension.startProxy(kafka.bootstrapServers(),
        Map.of(StreamKeys.BATCH_MAX_BYTES, "65536", "http.write.timeout.ms", "2000"))) {
      ProxyClient client = new ProxyClient(impatient.baseUri());
      RestConsumer consumer = RestConsumer.create(client, KafkaTestClient.uniqueName("g"),
          "{\"format\":\"binary\",\"auto.offset.reset\":\"earliest\"}");
      assertEquals(204, consumer.assign(topic, 0).status());
      String records = consumer.path() + "/records";
      URI uri = client.uri(records);
      long opened = System.nanoTime();
      try (Socket socket = new Socket()) {
        socket.setReceiveBufferSize(16 * 1024);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        socket.getOutputStream().write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":"
            + uri.getPort() + "\r\nAccept: application/x-ndjson\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        Thread.sleep(6_000); // reads nothing for three write timeouts

        socket.setSoTimeout(30_000);
        long lines = 0;
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        try {
          for (String line; (line = in.readLine()) != null; ) {
            lines += line.startsWith("{\"topic\"") ? 1 : 0;
          }
        } catch (SocketException reset) {
          // The proxy dropped what its send queue still held: the connection was reset.
        }
        assertTrue(lines < total, "the stream went on: " + lines + " of " + total + " records arrived");
      }
      assertTrue(System.nanoTime() - opened < TimeUnit.SECONDS.toNanos(30), "the connection was not closed");
      String uriLabel = "/consumers/{group}/instances/{instance}/records";
      // The stream is recorded once its response is closed, just after the connection.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      PrometheusText metrics = PrometheusText.parse(client.get("/metrics").body());
      while (metrics.sum("kafka_rest_streams_seconds_count", Map.of("uri", uriLabel)) < 1
          && System.nanoTime() - deadline < 0) {
        Thread.sleep(50);
        metrics = PrometheusText.parse(client.get("/metrics").body());
      }
      assertEquals(1, metrics.sum("kafka_rest_streams_seconds_count", Map.of("uri", uriLabel)));
      assertEquals(0, metrics.sum("http_server_requests_seconds_count", Map.of("uri", uriLabel, "method", "GET")),
          "a stream is not a request's latency");
    }
  }

  /** Produces {@code batches} requests of {@code perBatch} 64 KiB records; {@return how many} */
  private int produceLarge(String topic, int batches, int perBatch) {
    String value = Base64.getEncoder().encodeToString(new byte[64 * 1024]);
    for (int i = 0; i < batches; i++) {
      List<String> records = new ArrayList<>();
      for (int j = 0; j < perBatch; j++) {
        records.add("{\"value\":\"" + value + "\"}");
      }
      HttpResult produced =
          proxy.produce(topic, MediaTypes.BINARY_V2, "{\"records\":[" + String.join(",", records) + "]}");
      assertEquals(200, produced.status(), produced::toString);
    }
    return batches * perBatch;
  }

  /** Commits what the instance has taken until that stops growing; {@return the committed offset} */
  private static long takenAfterSettling(RestConsumer consumer, String topic) throws InterruptedException {
    long previous = -1;
    long taken = 0;
    for (int i = 0; i < 20 && taken != previous; i++) {
      Thread.sleep(1_000);
      previous = taken;
      assertEquals(200, consumer.commit().status());
      HttpResult committed = consumer.committed(topic, 0);
      assertEquals(200, committed.status(), committed::toString);
      taken = committed.json().get("offsets").isEmpty() ? 0
          : committed.json().get("offsets").get(0).get("offset").asLong();
    }
    return taken;
  }

  /**
   * A thousand streams, each on its own instance, wait for records on the proxy's bounded pools: opening
   * them adds no threads beyond the pools' sizes, and a record produced then reaches every one.
   */
  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void streams_aThousandOpen_runOnTheBoundedPools() throws Exception {
    int streams = 1_000;
    String topic = kafka.createTopic("many", 1);
    ExecutorService setUp = Executors.newFixedThreadPool(16);
    List<CompletableFuture<RestConsumer>> created = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      created.add(CompletableFuture.supplyAsync(() -> {
        RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("many"),
            "{\"format\":\"json\",\"auto.offset.reset\":\"earliest\"}");
        assertEquals(204, consumer.assign(topic, 0).status());
        return consumer;
      }, setUp));
    }
    List<RestConsumer> consumers = created.stream().map(CompletableFuture::join).toList();
    setUp.shutdown();
    int before = proxyThreads();

    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    CountDownLatch open = new CountDownLatch(streams);
    CountDownLatch delivered = new CountDownLatch(streams);
    AtomicInteger refused = new AtomicInteger();
    List<CompletableFuture<HttpResponse<Void>>> responses = new ArrayList<>();
    for (RestConsumer consumer : consumers) {
      HttpRequest request = HttpRequest.newBuilder(proxy.uri(consumer.path() + "/records"))
          .header("Accept", "text/event-stream").GET().build();
      responses.add(http.sendAsync(request, info -> {
        if (info.statusCode() != 200) {
          refused.incrementAndGet();
        }
        open.countDown();
        return HttpResponse.BodySubscribers.fromLineSubscriber(new DataLines(delivered));
      }));
    }
    assertTrue(open.await(WAIT.toSeconds(), TimeUnit.SECONDS), "streams still not open: " + open.getCount());
    assertEquals(0, refused.get(), "streams refused");
    int during = proxyThreads();

    HttpResult produced = proxy.produce(topic, MediaTypes.JSON_V2, "{\"records\":[{\"value\":\"to all\"}]}");
    assertEquals(200, produced.status(), produced::toString);
    assertTrue(delivered.await(WAIT.toSeconds(), TimeUnit.SECONDS), "streams without the record: " + delivered.getCount());
    assertTrue(during - before < 50, "proxy threads went from " + before + " to " + during + " with " + streams
        + " streams open");

    responses.forEach(response -> response.cancel(true));
    ExecutorService tearDown = Executors.newFixedThreadPool(16);
    CompletableFuture.allOf(consumers.stream()
        .map(consumer -> CompletableFuture.runAsync(consumer::delete, tearDown))
        .toArray(CompletableFuture[]::new)).join();
    tearDown.shutdown();
  }

  /** {@return the live threads the proxies in this JVM named (every proxy pool is named proxy-*)} */
  private static int proxyThreads() {
    return (int) Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
        .filter(thread -> thread.getThreadName().startsWith("proxy-"))
        .count();
  }

  /** Counts a stream down once its first {@code data:} line arrives. */
  private static final class DataLines implements Flow.Subscriber<String> {
    private final CountDownLatch delivered;
    private boolean seen;

    DataLines(CountDownLatch delivered) {
      this.delivered = delivered;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      if (!seen && line.startsWith("data: ")) {
        seen = true;
        delivered.countDown();
      }
    }

    @Override
    public void onError(Throwable error) {
      // Cancelled at the end of the test.
    }

    @Override
    public void onComplete() {
      // The proxy ended the stream.
    }
  }
}
