package dev.kafkarest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The balancer MultiNodeIT and the N1 benchmark trust to say where each connection went. */
class HaproxyBalancerTest {
  private final List<HttpServer> backends = new ArrayList<>();

  @AfterEach
  void stopBackends() {
    backends.forEach(backend -> backend.stop(0));
  }

  @Test
  void connections_eachNewConnectionGoesToTheNextBackend_asTheLogSays() throws Exception {
    assumeTrue(HaproxyBalancer.executable().isPresent(), "HAProxy is not installed (.ci/run installs it)");
    try (Balancer balancer = HaproxyBalancer.start(startBackends(3))) {
      List<Integer> served = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        served.add(callOnANewConnection(balancer));
      }

      assertEquals(served, balancer.connections(), "the log names the backend that answered, call by call");
      for (int i = 3; i < 6; i++) {
        assertEquals((served.get(i - 1) + 1) % 3, (int) served.get(i), "round robin: " + served);
      }
    }
  }

  @Test
  void connections_aBackendThatRefuses_isSkipped() throws Exception {
    assumeTrue(HaproxyBalancer.executable().isPresent(), "HAProxy is not installed (.ci/run installs it)");
    try (Balancer balancer = HaproxyBalancer.start(startBackends(3))) {
      backends.get(1).stop(0);

      List<Integer> served = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        served.add(callOnANewConnection(balancer));
      }

      assertEquals(List.of(), served.stream().filter(index -> index == 1).toList(), "served: " + served);
      assertEquals(served, balancer.connections());
    }
  }

  private List<URI> startBackends(int count) throws IOException {
    List<URI> uris = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      HttpServer backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      byte[] name = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
      backend.createContext("/", exchange -> {
        exchange.sendResponseHeaders(200, name.length);
        exchange.getResponseBody().write(name);
        exchange.close();
      });
      backend.start();
      backends.add(backend);
      uris.add(URI.create("http://127.0.0.1:" + backend.getAddress().getPort()));
    }
    return uris;
  }

  /** {@return the index of the backend that answered a call made on a connection of its own} */
  private static int callOnANewConnection(Balancer balancer) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(balancer.uri()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode());
    return Integer.parseInt(answer.body());
  }
}
