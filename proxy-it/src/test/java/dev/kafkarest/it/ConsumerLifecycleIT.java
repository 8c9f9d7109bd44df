package dev.kafkarest.it;

import static dev.kafkarest.it.ProxyAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.ProxyServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Instance expiry, and many instances long-polling at once without a thread each. */
@ProxyTest
class ConsumerLifecycleIT {
  private final KafkaTestClient kafka;

  ConsumerLifecycleIT(KafkaTestClient kafka) {
    this.kafka = kafka;
  }

  @Test
  void idleInstance_expiresAfterTheInstanceTimeout_andEachCallRenewsIt() {
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(),
        Map.of("consumer.instance.timeout.ms", "2000"))) {
      ProxyClient client = new ProxyClient(server.baseUri());
      String group = KafkaTestClient.uniqueName("expiry");
      RestConsumer kept = RestConsumer.create(client, group, "{\"name\":\"kept\"}");
      RestConsumer idle = RestConsumer.create(client, group, "{\"name\":\"idle\"}");
      long start = System.nanoTime();
      // Touch only the kept instance, every few hundred ms, until well past the idle instance's timeout.
      Await.until(Duration.ofSeconds(15), "3.5 s of renewing the kept instance", () -> {
        assertEquals(200, client.get(kept.path() + "/subscription").status(), "the renewed instance must live");
        return System.nanoTime() - start > Duration.ofMillis(3_500).toNanos();
      });
      assertError(client.get(idle.path() + "/assignments"), 404, 40403);
      assertError(idle.delete(), 404, 40403);
      assertEquals(204, kept.delete().status());
    }
  }

  @Test
  void manyInstances_longPollingAtOnce_needNoThreadEach() throws Exception {
    String topic = kafka.createTopic("many", 1);
    int instances = 200;
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(), Map.of())) {
      ProxyClient client = new ProxyClient(server.baseUri());
      String group = KafkaTestClient.uniqueName("many");
      List<RestConsumer> consumers = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        RestConsumer consumer = RestConsumer.create(client, group + "-" + i, "{}");
        assertEquals(204, consumer.assign(topic, 0).status());
        consumers.add(consumer);
      }
      int proxyThreadsBefore = proxyThreads();
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      List<CompletableFuture<HttpResponse<String>>> reads = new ArrayList<>();
      long start = System.nanoTime();
      for (RestConsumer consumer : consumers) {
        reads.add(http.sendAsync(HttpRequest.newBuilder(client.uri(consumer.path() + "/records?timeout=3000"))
            .header("Accept", MediaTypes.BINARY_V2).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      int proxyThreadsDuring = Await.until(Duration.ofSeconds(5), "the reads to be waiting",
          ConsumerLifecycleIT::proxyThreads, n -> true);
      CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      for (CompletableFuture<HttpResponse<String>> read : reads) {
        assertEquals(200, read.get().statusCode(), read.get().body());
        assertEquals("[]", read.get().body());
      }
      assertTrue(elapsedMs < 20_000, "200 waiting reads should all end near their 3 s timeout: " + elapsedMs);
      assertTrue(proxyThreadsDuring - proxyThreadsBefore < 50,
          "waiting reads must not take a thread each: " + proxyThreadsBefore + " -> " + proxyThreadsDuring);
      for (RestConsumer consumer : consumers) {
        assertEquals(204, consumer.delete().status());
      }
    }
  }

  @Test
  void baseUri_advertisedListener_leadsToThisNode() {
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(),
        Map.of("advertised.listeners", "http://proxy-2.internal:18082,https://proxy-2.example.com"))) {
      ProxyClient client = new ProxyClient(server.baseUri());
      String group = KafkaTestClient.uniqueName("adv");
      HttpResult created = client.post("/consumers/" + group, MediaTypes.V2, "{\"name\":\"i-1\"}");
      assertEquals(200, created.status());
      assertEquals("http://proxy-2.internal:18082/consumers/" + group + "/instances/i-1",
          created.json().get("base_uri").textValue());
      RestConsumer.named(client, group, "i-1").delete();
    }
  }

  /** {@return the live threads the proxy itself owns (Kafka's client threads aside)} */
  private static int proxyThreads() {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("proxy-") || t.getName().startsWith("grizzly"))
        .count();
  }
}
