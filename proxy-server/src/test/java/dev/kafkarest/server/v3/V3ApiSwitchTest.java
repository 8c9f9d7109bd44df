package dev.kafkarest.server.v3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.ProxyServer;
import dev.kafkarest.server.config.ProxyConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code api.v3.enable}: off, no v3 path is served (404 at once, without asking Kafka); on, the v3 resources
 * answer, and their errors are {@code application/json} whatever the client accepts. The cluster address
 * leads nowhere, so an answer from Kafka's side is a 5xx after the short metadata timeout.
 */
class V3ApiSwitchTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void v3Path_apiV3Disabled_404WithoutKafka() throws Exception {
    try (ProxyServer server = start("false")) {
      HttpResponse<String> response = get(server, "/v3/clusters");

      assertEquals(404, response.statusCode(), response.body());
      assertTrue(response.body().contains("\"error_code\":404"), response.body());
    }
  }

  @Test
  void v3Path_apiV3Enabled_servedAndErrorsArePlainJson() throws Exception {
    try (ProxyServer server = start("true")) {
      HttpResponse<String> response = get(server, "/v3/clusters");

      assertTrue(response.statusCode() >= 500, response.statusCode() + " " + response.body());
      assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""), response.body());
    }
  }

  private static ProxyServer start(String enabled) {
    return ProxyServer.start(ProxyConfig.of(Map.of(
        "listeners", "http://127.0.0.1:0",
        "bootstrap.servers", "127.0.0.1:1",
        "metadata.timeout.ms", "200",
        "api.v3.enable", enabled,
        "shutdown.graceful.ms", "0")));
  }

  private static HttpResponse<String> get(ProxyServer server, String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(10))
        .header("Accept", "*/*").GET().build(), BodyHandlers.ofString());
  }
}
