package dev.kafkarest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkarest.server.ProxyServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The probes: liveness never depends on Kafka; readiness is 200 with a reachable cluster and 503 with the
 * error envelope when the cluster cannot be reached. (Readiness turning back to 200 after a broker restart
 * is checked in {@link ClusterDownIT}, which restarts one anyway.)
 */
@ProxyTest
class HealthIT {
  private final ProxyClient proxy;

  HealthIT(ProxyClient proxy) {
    this.proxy = proxy;
  }

  @Test
  void probes_kafkaReachable_bothUp() {
    HttpResult live = proxy.get("/healthz");
    HttpResult ready = Await.until(Duration.ofSeconds(30), "the shared proxy to be ready", () -> proxy.get("/readyz"),
        r -> r.status() == 200);

    assertEquals(200, live.status(), live::toString);
    assertEquals("UP", live.json().get("status").textValue());
    assertEquals("UP", ready.json().get("status").textValue());
    assertEquals("no-store", ready.header("Cache-Control"));
  }

  @Test
  void probes_kafkaUnreachable_livenessUpReadiness503WithTheReason() throws IOException {
    try (ProxyServer server = ProxyExtension.startProxy("127.0.0.1:" + closedPort(),
        Map.of("health.readiness.timeout.ms", "500"))) {
      ProxyClient dead = new ProxyClient(server.baseUri());

      HttpResult ready = dead.get("/readyz");
      HttpResult live = dead.get("/healthz");

      assertEquals(200, live.status(), live::toString);
      assertEquals(503, ready.status(), ready::toString);
      assertEquals(MediaTypes.JSON, ready.mediaType());
      JsonNode error = ready.json();
      assertEquals(50302, error.get("error_code").intValue());
      // Anyone may ask /readyz: the answer names the kind of failure, never Kafka's message (hosts, security).
      assertEquals("Not ready: Kafka did not answer a metadata request within 500 ms (TimeoutException)",
          error.get("message").textValue(), ready::toString);
      assertTrue(ready.elapsed().compareTo(Duration.ofSeconds(5)) < 0, ready::toString);
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
