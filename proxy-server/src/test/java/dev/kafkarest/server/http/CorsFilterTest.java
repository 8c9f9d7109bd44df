package dev.kafkarest.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorsFilterTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private HttpServer server;
  private URI base;

  @Path("/hello")
  public static final class Hello {
    @GET
    public String get() {
      return "hi";
    }

    @POST
    public String post(String body) {
      return "posted " + body;
    }
  }

  private void start(List<String> origins, List<String> headers) {
    start(origins, headers, List.of());
  }

  private void start(List<String> origins, List<String> headers, List<String> exposed) {
    ResourceConfig app = new ResourceConfig()
        .register(new Hello())
        .register(new ProxyExceptionMapper())
        .register(new CorsFilter(origins, List.of("GET", "POST"), headers, exposed));
    server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), app);
    base = URI.create("http://127.0.0.1:" + server.getListener("grizzly").getPort());
  }

  @AfterEach
  void stop() {
    server.shutdownNow();
  }

  @Test
  void preflight_allowedOrigin_answers204WithAllowHeaders() throws Exception {
    start(List.of("http://ui.example"), List.of());
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(base.resolve("/hello"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "http://ui.example")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type")
        .build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(204, response.statusCode());
    assertEquals("http://ui.example", response.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    assertEquals("GET,POST", response.headers().firstValue("Access-Control-Allow-Methods").orElseThrow());
    assertEquals("content-type", response.headers().firstValue("Access-Control-Allow-Headers").orElseThrow());
  }

  @Test
  void simpleRequest_wildcardOrigin_carriesAllowOrigin() throws Exception {
    start(List.of("*"), List.of());
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(base.resolve("/hello"))
        .header("Origin", "http://anything.example").build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(200, response.statusCode());
    assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
  }

  @Test
  void request_otherOrigin_getsNoCorsHeaders() throws Exception {
    start(List.of("http://ui.example"), List.of());
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(base.resolve("/hello"))
        .header("Origin", "http://evil.example").build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(200, response.statusCode());
    assertFalse(response.headers().firstValue("Access-Control-Allow-Origin").isPresent());
  }

  @Test
  void preflight_configuredHeaders_answersThoseHeaders() throws Exception {
    start(List.of("*"), List.of("Content-Type", "Accept"));
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(base.resolve("/hello"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "http://ui.example")
        .header("Access-Control-Request-Method", "GET")
        .build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(204, response.statusCode());
    assertTrue(response.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().contains("Accept"));
  }

  @Test
  void post_foreignOriginWithoutContentType_isRefused403() throws Exception {
    start(List.of("http://ui.example"), List.of());
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(base.resolve("/hello"))
        .POST(HttpRequest.BodyPublishers.ofString("x"))
        .header("Origin", "http://evil.example")
        .build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(403, response.statusCode());
    assertTrue(response.body().contains("\"error_code\":40301"), response.body());
  }

  @Test
  void post_foreignOriginWithCorsOff_isRefused403() throws Exception {
    start(List.of(), List.of());
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(base.resolve("/hello"))
        .POST(HttpRequest.BodyPublishers.ofString("x"))
        .header("Origin", "null")
        .build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(403, response.statusCode());
  }

  @Test
  void post_allowedOrigin_passes() throws Exception {
    start(List.of("http://ui.example"), List.of());
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(base.resolve("/hello"))
        .POST(HttpRequest.BodyPublishers.ofString("x"))
        .header("Origin", "http://ui.example")
        .build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(200, response.statusCode());
    assertEquals("posted x", response.body());
  }

  @Test
  void post_sameOrigin_passesWithCorsOff() throws Exception {
    start(List.of(), List.of());
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(base.resolve("/hello"))
        .POST(HttpRequest.BodyPublishers.ofString("x"))
        .header("Origin", "http://127.0.0.1:" + base.getPort())
        .build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(200, response.statusCode());
  }

  @Test
  void post_noOrigin_passes() throws Exception {
    start(List.of(), List.of());
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(base.resolve("/hello"))
        .POST(HttpRequest.BodyPublishers.ofString("x"))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(200, response.statusCode());
  }

  @Test
  void get_foreignOrigin_isServedWithoutCorsHeaders() throws Exception {
    start(List.of(), List.of());
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(base.resolve("/hello"))
        .header("Origin", "http://evil.example")
        .build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(200, response.statusCode());
    assertFalse(response.headers().firstValue("Access-Control-Allow-Origin").isPresent());
  }

  @Test
  void get_originMatchingAWildcardPattern_isEchoedWithCredentials() throws Exception {
    start(List.of("https://*.ui.example"), List.of());

    HttpResponse<String> response = get("https://team-a.ui.example");

    assertEquals("https://team-a.ui.example", response.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    assertEquals("true", response.headers().firstValue("Access-Control-Allow-Credentials").orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://ui.example", "https://evil.example/.ui.example", "http://a.ui.example",
      "https://a.ui.example.evil.example"})
  void get_originNotMatchingTheWildcardPattern_getsNoCorsHeaders(String origin) throws Exception {
    start(List.of("https://*.ui.example"), List.of());

    HttpResponse<String> response = get(origin);

    assertFalse(response.headers().firstValue("Access-Control-Allow-Origin").isPresent(), origin);
  }

  @Test
  void get_listedOrigin_allowsCredentials() throws Exception {
    start(List.of("http://ui.example"), List.of());

    HttpResponse<String> response = get("http://ui.example");

    assertEquals("true", response.headers().firstValue("Access-Control-Allow-Credentials").orElseThrow());
  }

  @Test
  void get_anyOriginAllowed_answersLiteralStarWithoutCredentials() throws Exception {
    start(List.of("*"), List.of());

    HttpResponse<String> response = get("http://ui.example");

    assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    assertFalse(response.headers().firstValue("Access-Control-Allow-Credentials").isPresent());
  }

  @Test
  void get_exposedHeadersConfigured_areListed() throws Exception {
    start(List.of("http://ui.example"), List.of(), List.of("X-Request-Id", "Retry-After"));

    HttpResponse<String> response = get("http://ui.example");

    assertEquals("X-Request-Id,Retry-After",
        response.headers().firstValue("Access-Control-Expose-Headers").orElseThrow());
  }

  @Test
  void get_noExposedHeaders_sendsNone() throws Exception {
    start(List.of("http://ui.example"), List.of());

    HttpResponse<String> response = get("http://ui.example");

    assertFalse(response.headers().firstValue("Access-Control-Expose-Headers").isPresent());
  }

  private HttpResponse<String> get(String origin) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(base.resolve("/hello")).header("Origin", origin).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
