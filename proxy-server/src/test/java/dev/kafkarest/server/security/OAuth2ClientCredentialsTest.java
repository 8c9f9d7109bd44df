package dev.kafkarest.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.access.Identity;
import dev.kafkarest.server.security.AuthenticationException.Failure;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end against a real OAuth2 server (NAV's mock-oauth2-server): a service obtains a token with the
 * client-credentials grant and the authenticator verifies it through the server's JWKS URL.
 */
class OAuth2ClientCredentialsTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final String ISSUER_ID = "corp";
  /** Tokens for the client-credentials grant carry the audience, a groups claim and the scope asked for. */
  private static final String CONFIG = """
      {"interactiveLogin": false, "httpServer": "NettyWrapper",
       "tokenCallbacks": [{"issuerId": "corp", "tokenExpiry": 300,
         "requestMappings": [
           {"requestParam": "scope", "match": "kafka.produce",
            "claims": {"sub": "svc-orders", "aud": ["kafka-rest"], "groups": ["kafka-writers"], "scope": "kafka.produce"}},
           {"requestParam": "scope", "match": "kafka.read",
            "claims": {"sub": "svc-audit", "aud": ["kafka-rest"], "groups": ["auditors"], "scope": "kafka.read"}}]}]}
      """;

  private static MockOAuth2Server server;

  @BeforeAll
  static void start() {
    server = new MockOAuth2Server(OAuth2Config.Companion.fromJson(CONFIG));
    server.start();
  }

  @AfterAll
  static void stop() {
    server.shutdown();
  }

  private static String clientCredentialsToken(String scope) throws Exception {
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(server.tokenEndpointUrl(ISSUER_ID).uri())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString("orders-client:client-secret".getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return new ObjectMapper().readTree(response.body()).get("access_token").asText();
  }

  private static Authenticator authenticator() {
    AuthenticationSettings settings = AuthenticationSettings.parse(Map.of(
        "authentication.method", "BEARER",
        "authentication.bearer.jwks.url", server.jwksUrl(ISSUER_ID).toString(),
        "authentication.bearer.issuer", server.issuerUrl(ISSUER_ID).toString(),
        "authentication.bearer.audience", "kafka-rest",
        "authentication.bearer.allowed.groups", "kafka-writers,kafka-admins"));
    return AuthenticationFeature.authenticator(settings, Ticker.systemTicker(), Clock.systemUTC());
  }

  @Test
  void clientCredentialsToken_withAnAllowedGroup_isAuthenticated() throws Exception {
    String token = clientCredentialsToken("kafka.produce");

    Identity identity = authenticator().authenticate(Credentials.header("Bearer " + token));

    assertEquals(Identity.of("svc-orders", Set.of("kafka-writers")), identity);
  }

  @Test
  void clientCredentialsToken_withoutAnAllowedGroup_isForbidden() throws Exception {
    String token = clientCredentialsToken("kafka.read");

    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> authenticator().authenticate(Credentials.header("Bearer " + token)));

    assertEquals(Failure.FORBIDDEN, e.failure());
    assertEquals("svc-audit", e.principal());
  }
}
