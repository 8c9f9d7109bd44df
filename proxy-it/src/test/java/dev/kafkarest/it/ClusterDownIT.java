package dev.kafkarest.it;

import static dev.kafkarest.it.Payloads.b64;
import static dev.kafkarest.it.ProxyAssertions.assertNoStackTrace;
import static dev.kafkarest.it.ProxyAssertions.assertOkV2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkarest.server.ProxyServer;
import dev.kafkarest.server.broker.EmbeddedKafka;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The proxy with its cluster down: requests that need Kafka answer a 5xx Confluent error within
 * seconds instead of hanging, readiness turns 503, and the proxy recovers (readiness 200 again) once the
 * broker is back. Uses its own embedded broker and proxy, so that stopping the broker does not disturb the
 * other tests.
 */
class ClusterDownIT {
  private static final Duration BOUND = Duration.ofSeconds(10);

  @Test
  void brokerDown_metadataAndProduceAnswer5xxWithinSeconds_thenRecoverAfterRestart() throws IOException {
    Path dataDir = KafkaBrokerExtension.newDataDir("cluster-down-");
    int port = freePort();
    int controllerPort = freePort();
    EmbeddedKafka broker = EmbeddedKafka.start(dataDir, port, controllerPort, KafkaBrokerExtension.BROKER_SETTINGS);
    try (ProxyServer server = ProxyExtension.startProxy(broker.bootstrapServers(), Map.of());
        KafkaTestClient kafka = new KafkaTestClient(broker.bootstrapServers())) {
      ProxyClient proxy = new ProxyClient(server.baseUri());
      String topic = kafka.createTopic("cluster-down", 1);
      String body = "{\"records\": [{\"value\": \"" + b64("x") + "\"}]}";
      assertTrue(assertOkV2(proxy.getTopics()).toString().contains(topic));
      Await.until(Duration.ofSeconds(30), "readiness 200", () -> proxy.get("/readyz"), r -> r.status() == 200);

      broker.close();
      CompletableFuture<HttpResult> list = CompletableFuture.supplyAsync(proxy::getTopics);
      CompletableFuture<HttpResult> produce =
          CompletableFuture.supplyAsync(() -> proxy.produce(topic, MediaTypes.BINARY_V2, body));
      assertServerErrorWithin(BOUND, list.join());
      assertServerErrorWithin(BOUND, produce.join());
      HttpResult notReady = Await.until(BOUND, "readiness 503", () -> proxy.get("/readyz"), r -> r.status() == 503);
      assertEquals(50302, notReady.json().get("error_code").intValue(), notReady::toString);

      broker = EmbeddedKafka.start(dataDir, port, controllerPort, KafkaBrokerExtension.BROKER_SETTINGS);
      Await.until(Duration.ofSeconds(30), "GET /topics to work again", proxy::getTopics,
          r -> r.status() == 200 && r.body().contains(topic));
      HttpResult produced = Await.until(Duration.ofSeconds(30), "produce to work again",
          () -> proxy.produce(topic, MediaTypes.BINARY_V2, body),
          r -> r.status() == 200 && r.json().get("offsets").get(0).get("error").isNull());
      assertEquals(0, produced.json().get("offsets").get(0).get("offset").longValue());
      Await.until(Duration.ofSeconds(30), "readiness 200 again", () -> proxy.get("/readyz"), r -> r.status() == 200);
    } finally {
      broker.close();
      TestBroker.deleteRecursively(dataDir);
    }
  }

  /** Asserts a 5xx whose body is the error envelope with a matching 5xx {@code error_code}. */
  private static void assertServerErrorWithin(Duration bound, HttpResult result) {
    assertTrue(result.status() >= 500 && result.status() < 600, () -> "expected a 5xx: " + result);
    assertTrue(result.elapsed().compareTo(bound) < 0, () -> "should answer within " + bound + ": " + result);
    assertTrue(Set.of(MediaTypes.V2, MediaTypes.JSON).contains(result.mediaType()), result::toString);
    JsonNode error = result.json();
    assertEquals(2, error.size(), result::toString);
    assertTrue(error.get("error_code").isInt() && error.get("message").isTextual(), result::toString);
    int code = error.get("error_code").intValue();
    assertTrue(code == result.status() || code / 100 == result.status(), () -> "error_code vs status: " + result);
    assertNoStackTrace(result);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
