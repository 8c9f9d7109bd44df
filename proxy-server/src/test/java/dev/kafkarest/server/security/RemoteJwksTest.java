package dev.kafkarest.server.security;

import static dev.kafkarest.server.security.TestTokens.RSA_1;
import static dev.kafkarest.server.security.TestTokens.RSA_2;
import static dev.kafkarest.server.security.TestTokens.claims;
import static dev.kafkarest.server.security.TestTokens.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import dev.kafkarest.server.security.AuthenticationException.Failure;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys from a JWKS endpoint served by the JDK's HTTP server: rotation, rate limit, provider outages. */
class RemoteJwksTest {
  private static final Duration REFRESH = Duration.ofMinutes(5);
  private static final Duration MIN_REFRESH = Duration.ofSeconds(10);

  private final FakeTime time = new FakeTime();
  private final AtomicInteger fetches = new AtomicInteger();
  private volatile String body = new JWKSet(RSA_1.toPublicJWK()).toString();
  private volatile int status = 200;
  /** When set, the provider holds each answer until it is counted down. */
  private volatile CountDownLatch hold;
  private final CountDownLatch entered = new CountDownLatch(1);
  private HttpServer server;
  private RemoteJwks keys;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/keys", exchange -> {
      fetches.incrementAndGet();
      CountDownLatch hold = this.hold;
      if (hold != null) {
        entered.countDown();
        try {
          hold.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/keys");
    keys = new RemoteJwks(url, Duration.ofSeconds(1), Duration.ofSeconds(2), REFRESH, MIN_REFRESH, time);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private BearerAuthenticator authenticator() {
    return new BearerAuthenticator(AuthenticationSettings.parse(Map.of(
        "authentication.method", "BEARER",
        "authentication.bearer.jwks.url", "https://unused.example/keys",
        "authentication.bearer.issuer", TestTokens.ISSUER,
        "authentication.bearer.audience", TestTokens.AUDIENCE,
        "authentication.bearer.allowed.groups", "kafka-writers")).bearer(), keys, time.clock(), time);
  }

  private static Credentials bearer(String token) {
    return Credentials.header("Bearer " + token);
  }

  @Test
  void current_repeated_fetchesOnceUntilTheRefreshInterval() throws Exception {
    List<JWK> first = keys.current();
    keys.current();
    assertEquals(1, fetches.get());
    assertEquals("rsa-1", first.get(0).getKeyID());

    time.advance(REFRESH);
    keys.current();
    assertEquals(2, fetches.get());
  }

  @Test
  void authenticate_keyRotatedAtTheProvider_unknownKidFetchesTheNewKeys() throws Exception {
    BearerAuthenticator authenticator = authenticator();
    authenticator.authenticate(bearer(sign(RSA_1, claims(time.now()).build())));

    body = new JWKSet(List.of(RSA_2.toPublicJWK(), RSA_1.toPublicJWK())).toString();
    time.advance(MIN_REFRESH);

    assertEquals("svc-orders", authenticator.authenticate(bearer(sign(RSA_2, claims(time.now()).build()))).name());
    assertEquals(2, fetches.get());
  }

  @Test
  void authenticate_unknownKids_fetchAtMostOncePerMinimumInterval() {
    BearerAuthenticator authenticator = authenticator();
    String unknown = sign(RSA_2, claims(time.now()).build());

    for (int i = 0; i < 5; i++) {
      assertEquals(Failure.INVALID, assertThrows(AuthenticationException.class,
          () -> authenticator.authenticate(bearer(unknown))).failure());
    }
    assertEquals(1, fetches.get());

    time.advance(MIN_REFRESH);
    assertThrows(AuthenticationException.class, () -> authenticator.authenticate(bearer(unknown)));
    assertEquals(2, fetches.get());
  }

  @Test
  void authenticate_providerDownAfterKeysWereFetched_keepsUsingThem() throws Exception {
    BearerAuthenticator authenticator = authenticator();
    authenticator.authenticate(bearer(sign(RSA_1, claims(time.now()).build())));

    server.stop(0);
    time.advance(REFRESH.plusSeconds(1));

    assertEquals("svc-orders", authenticator.authenticate(bearer(sign(RSA_1, claims(time.now()).build()))).name());
    assertEquals("svc-orders", authenticator.authenticate(bearer(sign(RSA_1,
        claims(time.now()).jwtID("another").build()))).name());
  }

  @Test
  void current_providerAnswersAnError_keepsTheLastKeysAndRetriesAfterTheMinimumInterval() throws Exception {
    keys.current();
    status = 503;
    time.advance(REFRESH);

    assertEquals("rsa-1", keys.current().get(0).getKeyID());
    assertEquals("rsa-1", keys.current().get(0).getKeyID());
    assertEquals(2, fetches.get());

    status = 200;
    body = new JWKSet(RSA_2.toPublicJWK()).toString();
    time.advance(MIN_REFRESH);
    assertEquals("rsa-2", keys.current().get(0).getKeyID());
  }

  @Test
  void current_periodicRefreshInProgress_otherCallersUseTheKeysTheyHave() throws Exception {
    keys.current();
    time.advance(REFRESH);

    assertOthersUseTheKnownKeysWhileOneFetches(keys::current);
  }

  /** One call fetches (the provider holds its answer); another meanwhile gets the keys known at once. */
  private void assertOthersUseTheKnownKeysWhileOneFetches(KeysCall call) throws Exception {
    hold = new CountDownLatch(1);
    body = new JWKSet(RSA_2.toPublicJWK()).toString();
    CompletableFuture<List<JWK>> refreshing = CompletableFuture.supplyAsync(() -> {
      try {
        return call.keys();
      } catch (VerificationKeys.KeysUnavailableException e) {
        throw new IllegalStateException(e);
      }
    });
    entered.await();

    try {
      assertEquals("rsa-1", assertTimeoutPreemptively(Duration.ofSeconds(5), call::keys).get(0).getKeyID());
    } finally {
      hold.countDown();
    }
    assertEquals("rsa-2", refreshing.get().get(0).getKeyID());
  }

  private interface KeysCall {
    List<JWK> keys() throws VerificationKeys.KeysUnavailableException;
  }

  /**
   * Tokens with unknown key ids while one such request fetches: the others are answered with the keys known, not
   * parked behind the fetch (up to its connect and read timeouts), so anonymous requests cannot tie up every worker.
   */
  @Test
  void refreshForUnknownKey_fetchInProgress_otherCallersUseTheKeysTheyHave() throws Exception {
    keys.current();
    time.advance(MIN_REFRESH);

    assertOthersUseTheKnownKeysWhileOneFetches(keys::refreshForUnknownKey);
  }

  @Test
  void authenticate_providerNeverReached_isInvalid() {
    status = 500;

    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> authenticator().authenticate(bearer(sign(RSA_1, claims(time.now()).build()))));

    assertEquals(Failure.INVALID, e.failure());
    assertTrue(e.getMessage().contains("no keys could be fetched"), e.getMessage());
  }

  @Test
  void current_providerDown_theMessageShowsTheUrlWithoutCredentialsOrQuery() {
    status = 500;
    URI withSecrets = URI.create("http://jwks-user:jwks-pass@127.0.0.1:" + server.getAddress().getPort()
        + "/keys?code=query-secret");
    RemoteJwks remote = new RemoteJwks(withSecrets, Duration.ofSeconds(1), Duration.ofSeconds(2), REFRESH, MIN_REFRESH,
        time);

    String message = assertThrows(VerificationKeys.KeysUnavailableException.class, remote::current).getMessage();

    assertTrue(message.endsWith("http://127.0.0.1:" + server.getAddress().getPort() + "/keys"), message);
    assertFalse(message.contains("jwks-pass") || message.contains("query-secret"), message);
  }

  @Test
  void current_oversizedOrInvalidDocument_isNotUsed() {
    body = "{\"keys\":[" + " ".repeat(RemoteJwks.MAX_BYTES) + "]}";
    assertThrows(VerificationKeys.KeysUnavailableException.class, keys::current);

    body = "not json";
    time.advance(MIN_REFRESH);
    assertThrows(VerificationKeys.KeysUnavailableException.class, keys::current);
    assertEquals(2, fetches.get());
  }
}
