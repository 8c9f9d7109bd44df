package dev.kafkarest.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.config.ProxyConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The composition: the features {@link ProxyServer} registers answer requests that never reach Kafka (the
 * cluster address leads nowhere).
 */
class ProxyServerTest {
  private static ProxyServer server;
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    server = ProxyServer.start(ProxyConfig.of(Map.of(
        "listeners", "http://127.0.0.1:0",
        "bootstrap.servers", "127.0.0.1:1",
        "request.body.max.bytes", "1024",
        "access.control.allow.origin", "https://app.example",
        "health.readiness.timeout.ms", "200",
        "shutdown.graceful.ms", "0")));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void badJson_answersJsonErrorFromTheProxyMappers() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(server.baseUri().resolve("/consumers/g"))
        .header("Content-Type", "application/vnd.kafka.v2+json")
        .POST(BodyPublishers.ofString("{\"nmae\":\"x\"}")));

    assertEquals(422, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").contains("json"), response.body());
    assertTrue(response.body().contains("\"error_code\":422"), response.body());
  }

  @Test
  void bodyOverLimit_answers413FromAdmission() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(server.baseUri().resolve("/topics/t"))
        .header("Content-Type", "application/vnd.kafka.binary.v2+json")
        .POST(BodyPublishers.ofString("x".repeat(2048))));

    assertEquals(413, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"error_code\":413"), response.body());
  }

  @Test
  void corsPreflight_answeredByAdmission() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(server.baseUri().resolve("/topics"))
        .header("Origin", "https://app.example")
        .header("Access-Control-Request-Method", "GET")
        .method("OPTIONS", BodyPublishers.noBody()));

    assertEquals("https://app.example", response.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
  }

  @Test
  void root_answeredByTheV2Api() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(server.baseUri()).GET());

    assertEquals(200, response.statusCode(), response.body());
  }

  @Test
  void liveness_answers200WithoutKafka() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(server.baseUri().resolve("/healthz")).GET());

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("{\"status\":\"UP\"}", response.body());
  }

  @Test
  void readiness_kafkaUnreachable_answers503WithTheReasonInTheEnvelope() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(server.baseUri().resolve("/readyz")).GET());

    assertEquals(503, response.statusCode(), response.body());
    assertTrue(response.body().startsWith("{\"error_code\":50302,\"message\":\"Not ready: Kafka did not answer"),
        response.body());
  }

  @Test
  void anyResponse_echoesTheClientsRequestIdOrGivesOne() throws Exception {
    HttpResponse<String> given = send(HttpRequest.newBuilder(server.baseUri().resolve("/nowhere"))
        .header("X-Request-Id", "trace-42").GET());
    HttpResponse<String> generated = send(HttpRequest.newBuilder(server.baseUri().resolve("/healthz")).GET());

    assertEquals(404, given.statusCode());
    assertEquals("trace-42", given.headers().firstValue("X-Request-Id").orElse(""));
    assertTrue(generated.headers().firstValue("X-Request-Id").orElse("").matches("[0-9a-f]{32}"), generated.headers()
        .toString());
  }

  @Test
  void metrics_countRequestsByPathTemplate() throws Exception {
    for (int i = 0; i < 3; i++) {
      send(HttpRequest.newBuilder(server.baseUri().resolve("/consumers/g-metrics/instances/i" + i)).DELETE());
    }

    HttpResponse<String> response = send(HttpRequest.newBuilder(server.baseUri().resolve("/metrics")).GET());

    assertEquals(200, response.statusCode());
    String type = response.headers().firstValue("Content-Type").orElse("");
    assertTrue(type.startsWith("text/plain;") && type.contains("version=0.0.4"), type);
    assertTrue(response.body().contains("http_server_requests_seconds_count{error_code=\"40403\",method=\"DELETE\","
        + "outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"/consumers/{group}/instances/{instance}\"} 3"),
        response.body());
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
  }
}
