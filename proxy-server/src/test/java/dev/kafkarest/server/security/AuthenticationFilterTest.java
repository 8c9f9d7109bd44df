package dev.kafkarest.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.jwk.JWKSet;
import dev.kafkarest.server.http.MalformedUriGuard;
import jakarta.annotation.Priority;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filter in a small Jersey application on Grizzly, as the proxy registers it. */
class AuthenticationFilterTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String ALICE_PASSWORD = "alice-pw";

  @TempDir
  java.nio.file.Path dir;

  private HttpServer server;
  private URI base;

  /** Echoes who the filter says is calling. */
  @Path("/")
  public static final class Echo {
    @GET
    @Path("topics")
    public String topics(@Context ContainerRequestContext request, @Context SecurityContext security) {
      String principal = security.getUserPrincipal() == null ? "none" : security.getUserPrincipal().getName();
      return RequestIdentity.of(request).name() + " " + new TreeSet<>(RequestIdentity.of(request).groups())
          + " " + principal + " " + security.isUserInRole("admin") + " " + RequestIdentity.of(security).name();
    }

    @GET
    @Path("healthz")
    public String health(@Context ContainerRequestContext request) {
      return "ok " + RequestIdentity.of(request).name();
    }
  }

  /** Stands in for a TLS container: leaves the test certificate where Grizzly would. */
  @PreMatching
  @Priority(Priorities.AUTHENTICATION - 10)
  public static final class TestCertificate implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      if (request.getHeaderString("X-Test-Certificate") != null) {
        try {
          request.setProperty("jakarta.servlet.request.X509Certificate",
              new X509Certificate[] {CertificateAuthenticatorTest.alice()});
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private void start(Map<String, String> overrides) throws Exception {
    java.nio.file.Path users = dir.resolve("users");
    Files.writeString(users, "alice:" + StoredPassword.Bcrypt.hash(ALICE_PASSWORD, 4).hash() + ",admin,producers\n"
        + "bob:" + StoredPassword.Bcrypt.hash("bob-pw", 4).hash() + ",readers\n");
    Map<String, String> settings = new HashMap<>(Map.of(
        "authentication.method", "BASIC",
        "authentication.basic.users.file", users.toString(),
        "authentication.realm", "Kafka REST"));
    settings.putAll(overrides);
    AuthenticationFeature feature =
        new AuthenticationFeature(AuthenticationSettings.parse(settings), Ticker.systemTicker(), Clock.systemUTC());
    ResourceConfig app = new ResourceConfig().register(Echo.class).register(new TestCertificate()).register(feature);
    // As the proxy serves it: behind its handler, which hands the client's address to the filters.
    server = MalformedUriGuard.createServer(URI.create("http://127.0.0.1:0/"), app, jersey -> jersey);
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getListener("grizzly").getPort());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.shutdownNow();
    }
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Runs the request with System.err captured, where Logback logs. */
  private String logOf(ThrowingRunnable request) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      request.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void basic_rightPassword_resourceSeesTheIdentityAndSecurityContext() throws Exception {
    start(Map.of());

    HttpResponse<String> response = get("/topics", "Authorization", basic("alice", ALICE_PASSWORD));

    assertEquals(200, response.statusCode());
    assertEquals("alice [admin, producers] alice true alice", response.body());
  }

  @Test
  void basic_noCredentials_is401WithChallengeAndJsonBody() throws Exception {
    start(Map.of());

    HttpResponse<String> response = get("/topics");

    assertEquals(401, response.statusCode());
    assertEquals("Basic realm=\"Kafka REST\", charset=\"UTF-8\"",
        response.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    assertEquals("{\"error_code\":40101,\"message\":\"Authentication required\"}", response.body());
  }

  @Test
  void basic_wrongPassword_is401LoggedOnceWithoutThePassword() throws Exception {
    start(Map.of());
    HttpResponse<?>[] response = new HttpResponse<?>[1];

    String log = logOf(() -> response[0] = get("/topics", "Authorization", basic("alice", "wrong-guess-42")));

    assertEquals(401, response[0].statusCode());
    assertEquals("{\"error_code\":40101,\"message\":\"Invalid credentials\"}", response[0].body());
    assertEquals(1, log.lines().filter(line -> line.contains("Authentication failed")).count(), log);
    assertTrue(log.contains("alice") && log.contains("127.0.0.1") && log.contains("wrong password"), log);
    assertFalse(log.contains("wrong-guess-42"), log);
  }

  @Test
  void basic_unknownUser_is401AndTheLogOmitsTheName() throws Exception {
    start(Map.of());
    HttpResponse<?>[] response = new HttpResponse<?>[1];

    String log = logOf(() -> response[0] = get("/topics", "Authorization", basic("mallory", "x")));

    assertEquals(401, response[0].statusCode());
    assertTrue(log.contains("unknown user"), log);
    assertFalse(log.contains("mallory"), log);
  }

  @Test
  void basic_userWithoutARequiredRole_is403() throws Exception {
    start(Map.of("authentication.roles", "admin"));

    HttpResponse<String> response = get("/topics", "Authorization", basic("bob", "bob-pw"));

    assertEquals(403, response.statusCode());
    assertEquals("{\"error_code\":40301,\"message\":\"Not authorized\"}", response.body());
    assertFalse(response.headers().firstValue("WWW-Authenticate").isPresent());
  }

  @Test
  void skipPath_isServedAnonymously() throws Exception {
    start(Map.of());

    assertEquals("ok ANONYMOUS", get("/healthz").body());
    assertEquals("ok ANONYMOUS", get("/healthz/").body());
    assertEquals(401, get("/healthz/../topics").statusCode());
  }

  @Test
  void skipPath_subtreeEntry_coversPathsBelowIt() throws Exception {
    start(Map.of("authentication.skip.paths", "/top/*"));

    assertEquals(401, get("/healthz").statusCode());
    assertEquals(401, get("/topics").statusCode());
    assertEquals(404, get("/top/anything").statusCode());
  }

  @Test
  void corsPreflight_passesWithoutCredentials() throws Exception {
    start(Map.of());

    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(base.resolve("/topics"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "http://ui.example")
        .header("Access-Control-Request-Method", "GET")
        .build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> plainOptions = CLIENT.send(HttpRequest.newBuilder(base.resolve("/topics"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(200, response.statusCode());
    assertEquals(401, plainOptions.statusCode());
  }

  @Test
  void bearer_missingAndInvalidToken_getBearerChallenges() throws Exception {
    java.nio.file.Path keys = Files.writeString(dir.resolve("jwks.json"),
        new JWKSet(TestTokens.RSA_1.toPublicJWK()).toString());
    start(Map.of("authentication.method", "BEARER", "authentication.bearer.jwks.file", keys.toString(),
        "authentication.bearer.issuer", TestTokens.ISSUER, "authentication.bearer.audience", TestTokens.AUDIENCE,
        "authentication.bearer.allowed.groups", "kafka-admins"));
    String token = TestTokens.sign(TestTokens.RSA_1, TestTokens.claims(Instant.now()).build());

    HttpResponse<String> missing = get("/topics");
    HttpResponse<String> invalid = get("/topics", "Authorization", "Bearer " + token + "x");
    HttpResponse<String> forbidden = get("/topics", "Authorization", "Bearer " + token);

    assertEquals(401, missing.statusCode());
    assertEquals("Bearer realm=\"Kafka REST\"", missing.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertEquals(401, invalid.statusCode());
    assertEquals("Bearer realm=\"Kafka REST\", error=\"invalid_token\"",
        invalid.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertEquals(403, forbidden.statusCode());
    assertEquals("{\"error_code\":40301,\"message\":\"Not authorized\"}", forbidden.body());
  }

  @Test
  void clientCertificate_methodNone_certificateNamesTheCaller() throws Exception {
    start(Map.of("authentication.method", "NONE", "ssl.client.authentication", "REQUIRED",
        "ssl.principal.mapping.rules", "RULE:^CN=([^,]+),.*$/$1/"));

    assertEquals("alice [] alice false alice", get("/topics", "X-Test-Certificate", "yes").body());
    assertEquals(401, get("/topics").statusCode());
  }

  @Test
  void methodNone_registersNothingAndRequestsAreAnonymous() throws Exception {
    start(Map.of("authentication.method", "NONE"));

    assertEquals("ANONYMOUS [] none false ANONYMOUS", get("/topics").body());
  }
}
