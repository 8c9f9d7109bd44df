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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code management.listener}: the probes and the scrape move to their own port, open without authentication,
 * and leave the main listener; without it they stay on the main listener.
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
