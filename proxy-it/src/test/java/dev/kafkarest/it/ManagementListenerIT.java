package dev.kafkarest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.ProxyServer;
import dev.kafkarest.server.security.StoredPassword;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code management.listener}: the probes and the scrape move to their own port, open without authentication,
 * and leave the main listener; without it they stay on the main listener. During a graceful shutdown readiness
 * there answers 503 while requests in flight finish.
 */
@ProxyTest
class ManagementListenerIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final KafkaTestClient kafka;

  ManagementListenerIT(KafkaTestClient kafka) {
    this.kafka = kafka;
  }

  @Test
  void managementListener_set_probesAndScrapeThereOnly_openWithAuthenticationOn(@TempDir Path dir)
      throws IOException {
    Path users = Files.write(dir.resolve("users"), List.of("alice:" + StoredPassword.Bcrypt.hash("secret", 4).hash()));
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(), Map.of(
        "management.listener", "http://127.0.0.1:0",
        "authentication.method", "BASIC",
        "authentication.skip.paths", "",
        "authentication.basic.users.file", users.toString()))) {
      URI management = server.managementUri();
      assertNotNull(management);

      assertEquals(200, get(management, "/healthz").statusCode());
      assertEquals(200, Await.until(Duration.ofSeconds(30), "readiness on the management listener",
          () -> get(management, "/readyz"), r -> r.statusCode() == 200).statusCode());
      HttpResponse<String> scrape = get(management, "/metrics");
      assertEquals(200, scrape.statusCode());
      assertTrue(scrape.body().contains("jvm_memory_used_bytes"), scrape::body);
      assertEquals(404, get(management, "/topics").statusCode());
      assertEquals(401, get(server.baseUri(), "/topics").statusCode(), "the main listener still authenticates");
      assertEquals(404, getAs(server.baseUri(), "/metrics").statusCode());
      assertEquals(404, getAs(server.baseUri(), "/healthz").statusCode());
    }
  }

  @Test
  void managementListener_unset_probesOnTheMainListener() {
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(), Map.of())) {
      assertNull(server.managementUri());
      assertEquals(200, get(server.baseUri(), "/healthz").statusCode());
      assertEquals(200, get(server.baseUri(), "/metrics").statusCode());
    }
  }

  @Test
  void gracefulShutdown_whileARequestIsInFlight_readinessAnswers503ShuttingDown() throws Exception {
    String topic = kafka.createTopic("draining", 1);
    // A grace longer than the long poll, so the shutdown waits for it (the tests' default grace is 1 s).
    ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(), Map.of(
        "management.listener", "http://127.0.0.1:0", "shutdown.graceful.ms", "30000"));
    URI management = server.managementUri();
    assertEquals(200, Await.until(Duration.ofSeconds(30), "readiness before the shutdown",
        () -> get(management, "/readyz"), r -> r.statusCode() == 200).statusCode());
    RestConsumer consumer = RestConsumer.create(new ProxyClient(server.baseUri()), KafkaTestClient.uniqueName("g"),
        "{\"format\":\"binary\"}");
    assertEquals(204, consumer.subscribe(topic).status());
    // The subscribe counts as in flight until its exchange is done here, a little after its client has the answer.
    Await.until(Duration.ofSeconds(10), "the subscribe to be done", () -> server.requestsInFlight() == 0);
    // A long poll on an idle topic keeps the graceful shutdown waiting, and the management listener open.
    CompletableFuture<HttpResult> inFlight =
        CompletableFuture.supplyAsync(() -> consumer.read(MediaTypes.BINARY_V2, 3_000));
    Await.until(Duration.ofSeconds(10), "the long poll to be in flight", () -> server.requestsInFlight() > 0);
    CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
    try {
      HttpResponse<String> draining = Await.until(Duration.ofSeconds(10), "readiness to turn 503",
          () -> get(management, "/readyz"), r -> r.statusCode() == 503);
      assertTrue(draining.body().contains("\"error_code\":503") && draining.body().contains("shutting down"),
          draining::body);
      assertEquals(200, get(management, "/healthz").statusCode(), "the process still lives");
      assertEquals(200, inFlight.get(20, TimeUnit.SECONDS).status(), "the request in flight finishes");
    } finally {
      closing.get(60, TimeUnit.SECONDS);
    }
  }

  private static HttpResponse<String> get(URI base, String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)));
  }

  private static HttpResponse<String> getAs(URI base, String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization",
        "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8))));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.timeout(ProxyClient.REQUEST_TIMEOUT).GET().build(), BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
