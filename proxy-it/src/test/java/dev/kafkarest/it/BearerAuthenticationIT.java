package dev.kafkarest.it;

import static dev.kafkarest.it.AuthenticationAssertions.INVALID;
import static dev.kafkarest.it.AuthenticationAssertions.REQUIRED;
import static dev.kafkarest.it.AuthenticationAssertions.assertForbidden;
import static dev.kafkarest.it.AuthenticationAssertions.assertForbiddenWithChallenge;
import static dev.kafkarest.it.AuthenticationAssertions.assertUnauthorized;
import static dev.kafkarest.it.AuthenticatedFlow.binaryRecord;
import static dev.kafkarest.it.ClientCredentials.bearer;
import static dev.kafkarest.it.ProxyAssertions.assertError;
import static dev.kafkarest.it.ProxyAssertions.assertOkV2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.kafkarest.server.ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bearer (OAuth2/OIDC JWT) authentication end to end against a real OAuth2 server, NAV's
 * mock-oauth2-server on its Netty server: clients get tokens with the client-credentials grant and call
 * the proxy with {@code Authorization: Bearer}; the proxy fetches the server's keys from its JWKS URL.
 *
 * <p>Three proxies share one OAuth2 server with three issuers: {@code corp} (a service with a custom
 * {@code groups} claim), {@code entra} (tokens shaped as Microsoft Entra ID issues them, with security
 * group object ids in {@code groups}, checked as HDInsight checks its security group) and {@code keycloak}
 * (docs/security.md's Keycloak example: realm roles as groups, a required scope). A fourth proxy and a
 * second OAuth2 server check what happens when the provider goes down.
 */
@ProxyTest
class BearerAuthenticationIT {
  private static final String CORP = "corp";
  private static final String ENTRA = "entra";
  private static final String KEYCLOAK = "keycloak";
  /** The Entra ID application of the proxy (the audience of v2 tokens), its security group, and others. */
  private static final String APP_ID = "6f1c1a52-3e0b-4d7e-9a43-0c7e5b1f2a10";
  private static final String SECURITY_GROUP = "c2b0e8a4-7a5d-4f0e-8d5c-3b9e1f6a2d47";
  private static final String OTHER_GROUP = "0a8d3f21-5c6e-4b7a-9e12-7f4c2d1b8e39";
  private static final String ORDERS_OID = "9d3e2c1b-8a7f-4e6d-b5c4-a3f2e1d0c9b8";

  /** Token claims by requested scope (corp) or by client id (entra, whose clients all ask for the API's .default). */
  private static final String CONFIG = """
      {"interactiveLogin": false, "httpServer": "NettyWrapper",
       "tokenCallbacks": [
        {"issuerId": "corp", "tokenExpiry": 300, "requestMappings": [
          {"requestParam": "scope", "match": "kafka",
           "claims": {"sub": "svc-orders", "aud": ["kafka-rest"], "groups": ["everyone", "kafka-writers"]}},
          {"requestParam": "scope", "match": "other-api",
           "claims": {"sub": "svc-orders", "aud": ["other-api"], "groups": ["kafka-writers"]}},
          {"requestParam": "scope", "match": "kafka-audit",
           "claims": {"sub": "svc-audit", "aud": ["kafka-rest"], "groups": ["auditors"]}},
          {"requestParam": "scope", "match": "kafka-plain",
           "claims": {"sub": "svc-plain", "aud": ["kafka-rest"]}}]},
        {"issuerId": "entra", "tokenExpiry": 300, "requestMappings": [
          {"requestParam": "client_id", "match": "orders-app",
           "claims": {"aud": "%1$s", "oid": "%4$s", "azp": "orders-app", "ver": "2.0", "groups": ["%3$s", "%2$s"]}},
          {"requestParam": "client_id", "match": "orders-app-v1",
           "claims": {"aud": "api://kafka-rest", "oid": "%4$s", "appid": "orders-app-v1", "ver": "1.0",
                      "groups": ["%2$s"]}},
          {"requestParam": "client_id", "match": "reporting-app",
           "claims": {"aud": "%1$s", "oid": "3c2b1a09-8f7e-4d6c-b5a4-93827160f5e4", "azp": "reporting-app",
                      "groups": ["%2$s"]}},
          {"requestParam": "client_id", "match": "audit-app",
           "claims": {"aud": "%1$s", "oid": "5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c", "azp": "audit-app", "groups": ["%3$s"]}},
          {"requestParam": "client_id", "match": "named-group-app",
           "claims": {"aud": "%1$s", "oid": "7c6b5a49-3827-4160-9f8e-7d6c5b4a3928", "groups": ["kafka-rest-users"]}},
          {"requestParam": "client_id", "match": "overage-app",
           "claims": {"aud": "%1$s", "oid": "1b2c3d4e-5f60-4718-a9b0-c1d2e3f4a5b6",
                      "_claim_names": {"groups": "src1"},
                      "_claim_sources": {"src1": {"endpoint": "https://graph.microsoft.com/v1.0/users/x/getMemberObjects"}}}},
          {"requestParam": "client_id", "match": "no-oid-app",
           "claims": {"aud": "%1$s", "azp": "no-oid-app", "groups": ["%2$s"]}}]},
        {"issuerId": "keycloak", "tokenExpiry": 300, "requestMappings": [
          {"requestParam": "scope", "match": "kafka",
           "claims": {"azp": "orders-service", "aud": "kafka-rest", "scope": "kafka",
                      "realm_access": {"roles": ["offline_access", "kafka-writers"]}}},
          {"requestParam": "scope", "match": "profile",
           "claims": {"azp": "orders-service", "aud": "kafka-rest", "scope": "profile email",
                      "realm_access": {"roles": ["kafka-writers"]}}},
          {"requestParam": "scope", "match": "kafka-readonly",
           "claims": {"azp": "dashboard", "aud": "kafka-rest", "scope": "kafka",
                      "realm_access": {"roles": ["kafka-readers"]}}}]}]}
      """.formatted(APP_ID, SECURITY_GROUP, OTHER_GROUP, ORDERS_OID);
  private static final String CHALLENGE = "Bearer realm=\"KafkaRest\", error=\"invalid_token\"";
  private static final String MISSING_CHALLENGE = "Bearer realm=\"KafkaRest\"";
  private static final String SCOPE_CHALLENGE = "Bearer realm=\"KafkaRest\", error=\"insufficient_scope\"";

  private static MockOAuth2Server oauth2;
  private static ProxyServer corpServer;
  private static ProxyClient corp;
  private static ProxyServer entraServer;
  private static ProxyClient entra;
  private static ProxyServer keycloakServer;
  private static ProxyClient keycloak;

  private final KafkaTestClient kafka;

  BearerAuthenticationIT(KafkaTestClient kafka) {
    this.kafka = kafka;
  }

  @BeforeAll
  static void start(TestBroker broker) {
    oauth2 = new MockOAuth2Server(OAuth2Config.Companion.fromJson(CONFIG));
    oauth2.start();
    corpServer = ProxyExtension.startProxy(broker.bootstrapServers(), Map.of(
        "authentication.method", "BEARER",
        "authentication.bearer.jwks.url", oauth2.jwksUrl(CORP).toString(),
        "authentication.bearer.issuer", oauth2.issuerUrl(CORP).toString(),
        "authentication.bearer.audience", "kafka-rest",
        "authentication.bearer.allowed.groups", "kafka-writers,kafka-admins"));
    corp = new ProxyClient(corpServer.baseUri());
    entraServer = ProxyExtension.startProxy(broker.bootstrapServers(), entraSettings());
    entra = new ProxyClient(entraServer.baseUri());
    // docs/security.md, "Example for Keycloak": groups from realm roles, a required scope, azp as the principal.
    keycloakServer = ProxyExtension.startProxy(broker.bootstrapServers(), Map.of(
        "authentication.method", "BEARER",
        "authentication.bearer.jwks.url", oauth2.jwksUrl(KEYCLOAK).toString(),
        "authentication.bearer.issuer", oauth2.issuerUrl(KEYCLOAK).toString(),
        "authentication.bearer.audience", "kafka-rest",
        "authentication.bearer.groups.claim", "realm_access.roles",
        "authentication.bearer.allowed.groups", "kafka-writers,kafka-admins",
        "authentication.bearer.required.scopes", "kafka",
        "authentication.bearer.principal.claim", "azp"));
    keycloak = new ProxyClient(keycloakServer.baseUri());
  }

  @AfterAll
  static void stop() {
    if (corpServer != null) {
      corpServer.close();
    }
    if (entraServer != null) {
      entraServer.close();
    }
    if (keycloakServer != null) {
      keycloakServer.close();
    }
    if (oauth2 != null) {
      oauth2.shutdown();
    }
  }

  /** {@return docs/security.md's "Example for Microsoft Entra ID", with the test server's issuer and keys} */
  private static Map<String, String> entraSettings() {
    return Map.of(
        "authentication.method", "BEARER",
        "authentication.bearer.jwks.url", oauth2.jwksUrl(ENTRA).toString(),
        "authentication.bearer.issuer", oauth2.issuerUrl(ENTRA).toString(),
        "authentication.bearer.audience", "api://kafka-rest," + APP_ID,
        "authentication.bearer.groups.claim", "groups",
        "authentication.bearer.allowed.groups", SECURITY_GROUP,
        "authentication.bearer.principal.claim", "oid");
  }

  private static String corpToken(MockOAuth2Server server, String scope) {
    return ClientCredentials.token(server.tokenEndpointUrl(CORP).uri(), "orders-client", "orders-client-secret", scope);
  }

  private static String entraToken(String clientId) {
    return ClientCredentials.token(oauth2.tokenEndpointUrl(ENTRA).uri(), clientId, clientId + "-secret",
        "api://kafka-rest/.default");
  }

  /** {@return the claims a corp token for the proxy carries, with the given issuer} */
  private static JWTClaimsSet.Builder corpClaims(String issuer) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject("svc-orders")
        .audience("kafka-rest")
        .claim("groups", List.of("kafka-writers"))
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)))
        .jwtID(UUID.randomUUID().toString());
  }

  @Test
  void clientCredentialsToken_producesAndConsumesThroughTheProxy() {
    String topic = kafka.createTopic("bearer-ok", 1);
    AuthenticatedFlow flow = new AuthenticatedFlow(corp, "Authorization", bearer(corpToken(oauth2, "kafka")));

    flow.produceLands(kafka, topic, "from svc-orders");
    flow.consumeRoundTrip(topic, List.of("from svc-orders"));
  }

  @Test
  void missingToken_returns401WithAChallengeWithoutError_andNothingReachesKafka() {
    String topic = kafka.createTopic("bearer-missing", 1);

    assertUnauthorized(corp.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x")), MISSING_CHALLENGE, REQUIRED);
    assertUnauthorized(corp.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"), "Authorization", "Bearer "),
        MISSING_CHALLENGE, REQUIRED);
    String basic = "Basic " + Base64.getEncoder().encodeToString("svc-orders:secret".getBytes(StandardCharsets.UTF_8));
    assertUnauthorized(corp.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"), "Authorization", basic),
        MISSING_CHALLENGE, REQUIRED);
    assertEquals(0, kafka.recordCount(topic));
  }

  @Test
  void expiredToken_returns401_whileOneExpiredWithinTheClockSkewIsAccepted() {
    String topic = kafka.createTopic("bearer-expired", 1);
    // The next token the server issues for corp expired two minutes ago (beyond the 30 s default skew).
    oauth2.enqueueCallback(new DefaultOAuth2TokenCallback(CORP, "svc-orders", JOSEObjectType.JWT.getType(),
        List.of("kafka-rest"), Map.of("groups", List.of("kafka-writers")), -120L));
    String expired = corpToken(oauth2, "kafka");

    assertUnauthorized(corp.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"), "Authorization", bearer(expired)),
        CHALLENGE, INVALID, expired);
    assertEquals(0, kafka.recordCount(topic));

    oauth2.enqueueCallback(new DefaultOAuth2TokenCallback(CORP, "svc-orders", JOSEObjectType.JWT.getType(),
        List.of("kafka-rest"), Map.of("groups", List.of("kafka-writers")), -5L));
    String justExpired = corpToken(oauth2, "kafka");
    new AuthenticatedFlow(corp, "Authorization", bearer(justExpired)).produceLands(kafka, topic, "within skew");
  }

  @Test
  void wrongAudience_returns401_andNothingReachesKafka() {
    String topic = kafka.createTopic("bearer-audience", 1);
    String token = corpToken(oauth2, "other-api");

    assertUnauthorized(corp.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"), "Authorization", bearer(token)),
        CHALLENGE, INVALID, token);
    assertEquals(0, kafka.recordCount(topic));
  }

  @Test
  void wrongIssuer_returns401_andNothingReachesKafka() {
    String topic = kafka.createTopic("bearer-issuer", 1);
    // Signed with corp's own key (kid "corp"), but naming the other issuer of the same server: only iss is wrong.
    Map<String, Object> claims = Map.of("iss", oauth2.issuerUrl(ENTRA).toString(), "sub", "svc-orders",
        "aud", List.of("kafka-rest"), "groups", List.of("kafka-writers"));
    String otherIssuer = oauth2.getConfig().getTokenProvider().jwt(claims, Duration.ofMinutes(5), CORP).serialize();
    // A token the other issuer really issued: its iss and its key are both the other issuer's.
    String fromOtherIssuer = entraToken("orders-app");

    assertUnauthorized(corp.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"), "Authorization",
        bearer(otherIssuer)), CHALLENGE, INVALID, otherIssuer);
    assertUnauthorized(corp.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"), "Authorization",
        bearer(fromOtherIssuer)), CHALLENGE, INVALID, fromOtherIssuer);
    assertEquals(0, kafka.recordCount(topic));
  }

  @Test
  void forgedTokens_return401_andNothingReachesKafka() throws JOSEException {
    String topic = kafka.createTopic("bearer-forged", 1);
    String issuer = oauth2.issuerUrl(CORP).toString();
    // The right kid and claims, signed with a key the provider never published.
    RSAKey foreignKey = new RSAKeyGenerator(2048).keyID(CORP).generate();
    SignedJWT foreign = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(CORP).type(JOSEObjectType.JWT)
        .build(), corpClaims(issuer).build());
    foreign.sign(new RSASSASigner(foreignKey));
    // HMAC with a secret of the attacker's choosing: HS256 is not accepted with a JWKS URL.
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(CORP).build(),
        corpClaims(issuer).build());
    hmac.sign(new MACSigner(secret));
    // A real token whose claims were changed after signing.
    String[] real = corpToken(oauth2, "kafka-audit").split("\\.");
    String tampered = real[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
        corpClaims(issuer).build().toString().getBytes(StandardCharsets.UTF_8)) + "." + real[2];
    // No signature at all.
    String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + Base64.getUrlEncoder().withoutPadding().encodeToString(
            corpClaims(issuer).build().toString().getBytes(StandardCharsets.UTF_8)) + ".";

    for (String token : List.of(foreign.serialize(), hmac.serialize(), tampered, unsigned, "not-a-jwt")) {
      assertUnauthorized(corp.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"), "Authorization", bearer(token)),
          CHALLENGE, INVALID, token);
    }
    assertEquals(0, kafka.recordCount(topic));
  }

  @Test
  void tokenWithoutAnAllowedGroup_returns403WithoutChallenge_andNothingReachesKafka() {
    String topic = kafka.createTopic("bearer-group", 1);
    String otherGroup = corpToken(oauth2, "kafka-audit");
    String noGroupsClaim = corpToken(oauth2, "kafka-plain");

    assertForbidden(corp.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"), "Authorization",
        bearer(otherGroup)), otherGroup, "auditors", "kafka-writers");
    assertForbidden(corp.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"), "Authorization",
        bearer(noGroupsClaim)), noGroupsClaim);
    assertForbidden(corp.post("/consumers/" + KafkaTestClient.uniqueName("audit"), MediaTypes.V2, "{}",
        "Authorization", bearer(otherGroup)));
    assertEquals(0, kafka.recordCount(topic));
  }

  @Test
  void refusals_areLoggedWithTheReason_butNeverTheToken() {
    String expiredLater = corpToken(oauth2, "other-api");
    String forbidden = corpToken(oauth2, "kafka-audit");
    String log;
    try (CapturedLog captured = CapturedLog.start()) {
      assertEquals(401, corp.getTopics("Authorization", bearer(expiredLater)).status());
      assertEquals(403, corp.getTopics("Authorization", bearer(forbidden)).status());
      log = captured.text();
    }

    assertTrue(log.contains("audience [other-api] names none of [kafka-rest]"), log);
    assertTrue(log.contains("principal svc-audit"), log);
    for (String token : List.of(expiredLater, forbidden)) {
      for (String part : token.split("\\.")) {
        assertFalse(log.contains(part), () -> "the log holds a part of a token: " + part);
      }
    }
  }

  // HDInsight's model: one security group, whose object id must be in the token's groups claim.

  @Test
  void entraToken_inTheSecurityGroup_producesAndReadsMetadataWithOnlyTheAuthorizationHeader() {
    String topic = kafka.createTopic("bearer-entra", 1);
    String token = entraToken("orders-app");

    new AuthenticatedFlow(entra, "Authorization", bearer(token)).produceLands(kafka, topic, "from orders-app");
    // HDInsight's sample asks for partition metadata with the Authorization header alone (no Accept).
    HttpResult partition = entra.send(entra.request(Endpoints.partition(topic, 0))
        .header("Authorization", bearer(token)).GET().build());
    assertOkV2(partition);
    // An Entra ID v1 token names the API by its identifier URI.
    assertOkV2(entra.getTopic(topic, "Authorization", bearer(entraToken("orders-app-v1"))));
  }

  @Test
  void entraToken_oidIsThePrincipal_andGroupsAreTheGroups_ofTheAccessRules(@TempDir Path dir) throws IOException {
    String topic = kafka.createTopic("bearer-entra-rules", 1);
    Path rules = Files.writeString(dir.resolve("access.rules"), String.join("\n",
        "allow user:" + ORDERS_OID + " write topic:" + topic,
        "allow group:" + SECURITY_GROUP + " describe topic:" + topic), StandardCharsets.UTF_8);
    Map<String, String> settings = new HashMap<>(entraSettings());
    settings.put("authorization.enabled", "true");
    settings.put("authorization.rules.file", rules.toString());
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(), settings)) {
      ProxyClient proxy = new ProxyClient(server.baseUri());
      String reporting = entraToken("reporting-app");
      String orders = entraToken("orders-app");

      assertOkV2(proxy.getTopic(topic, "Authorization", bearer(reporting)));
      assertError(proxy.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"), "Authorization", bearer(reporting)),
          403, 40301, "Not authorized to write topic");
      assertEquals(0, kafka.recordCount(topic));
      new AuthenticatedFlow(proxy, "Authorization", bearer(orders)).produceLands(kafka, topic, "by oid");
    }
  }

  @Test
  void entraToken_outsideTheSecurityGroup_returns403_andNothingReachesKafka() {
    String topic = kafka.createTopic("bearer-entra-out", 1);

    for (String client : List.of("audit-app", "named-group-app", "overage-app")) {
      String token = entraToken(client);
      assertForbidden(entra.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"), "Authorization", bearer(token)),
          token, SECURITY_GROUP);
    }
    assertEquals(0, kafka.recordCount(topic));
  }

  @Test
  void entraToken_withoutThePrincipalClaim_returns401() {
    String topic = kafka.createTopic("bearer-entra-oid", 1);
    String token = entraToken("no-oid-app");

    assertUnauthorized(entra.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"), "Authorization", bearer(token)),
        CHALLENGE, INVALID, token);
    assertEquals(0, kafka.recordCount(topic));
  }

  @Test
  void corpToken_isRefusedByTheEntraProxy() {
    String token = corpToken(oauth2, "kafka");

    assertUnauthorized(entra.getTopics("Authorization", bearer(token)), CHALLENGE, INVALID, token);
  }

  @Test
  void keycloakToken_withTheScopeAndARealmRole_producesAndConsumes() {
    String topic = kafka.createTopic("bearer-keycloak", 1);
    AuthenticatedFlow flow = new AuthenticatedFlow(keycloak, "Authorization", bearer(keycloakToken("kafka")));

    flow.produceLands(kafka, topic, "from orders-service");
    flow.consumeRoundTrip(topic, List.of("from orders-service"));
  }

  @Test
  void keycloakToken_withoutTheRequiredScope_returns403InsufficientScope_andNothingReachesKafka() {
    String topic = kafka.createTopic("bearer-scope", 1);
    String token = keycloakToken("profile");

    assertForbiddenWithChallenge(keycloak.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"),
        "Authorization", bearer(token)), SCOPE_CHALLENGE, token);
    assertEquals(0, kafka.recordCount(topic));
  }

  @Test
  void keycloakToken_withoutAnAllowedRealmRole_returns403_andNothingReachesKafka() {
    String topic = kafka.createTopic("bearer-role", 1);
    String token = keycloakToken("kafka-readonly");

    assertForbidden(keycloak.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"), "Authorization", bearer(token)),
        token, "kafka-readers");
    assertEquals(0, kafka.recordCount(topic));
  }

  private static String keycloakToken(String scope) {
    // As docs/security.md's curl: the client authenticates with HTTP Basic at the token endpoint.
    return ClientCredentials.tokenWithBasicClientAuthentication(oauth2.tokenEndpointUrl(KEYCLOAK).uri(),
        "orders-service", "orders-service-secret", scope);
  }

  @Test
  void providerDown_afterKeysWereFetched_tokensStillVerify_andUnknownKeysAre401(TestBroker broker)
      throws JOSEException {
    MockOAuth2Server provider = new MockOAuth2Server(OAuth2Config.Companion.fromJson(CONFIG));
    provider.start();
    URI jwks = provider.jwksUrl(CORP).uri();
    URI tokenEndpoint = provider.tokenEndpointUrl(CORP).uri();
    String issuer = provider.issuerUrl(CORP).toString();
    String topic = kafka.createTopic("bearer-down", 1);
    try (ProxyServer server = ProxyExtension.startProxy(broker.bootstrapServers(), Map.of(
        "authentication.method", "BEARER",
        "authentication.bearer.jwks.url", jwks.toString(),
        "authentication.bearer.issuer", issuer,
        "authentication.bearer.audience", "kafka-rest",
        "authentication.bearer.allowed.groups", "kafka-writers",
        // Keys are due for a refresh after a second, and every due refresh is tried.
        "authentication.bearer.jwks.refresh.ms", "1000",
        "authentication.bearer.jwks.refresh.min.ms", "0"))) {
      ProxyClient proxy = new ProxyClient(server.baseUri());
      String first = corpToken(provider, "kafka");
      // Minted before the provider goes down, first used after: accepted tokens are remembered, these are not yet.
      String mintedBefore = corpToken(provider, "kafka");
      String usedAfterARefreshFailed = corpToken(provider, "kafka");
      assertNotEquals(first, mintedBefore);
      assertOkV2(proxy.getTopic(topic, "Authorization", bearer(first)));

      provider.shutdown();
      provider = null;
      assertThrows(UncheckedIOException.class, () -> ClientCredentials.token(tokenEndpoint, "x", "y", "kafka"),
          "the provider is down");

      new AuthenticatedFlow(proxy, "Authorization", bearer(mintedBefore)).produceLands(kafka, topic, "provider down");
      // A token the proxy has not seen makes it look at its keys; once they are due, it tries to refresh them.
      RSAKey foreignKey = new RSAKeyGenerator(2048).keyID(CORP).generate();
      try (CapturedLog captured = CapturedLog.start()) {
        Await.until(Duration.ofSeconds(10), "a refresh to be tried while the provider is down", () -> {
          SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(CORP).build(),
              corpClaims(issuer).build());
          sign(forged, foreignKey);
          assertUnauthorized(proxy.getTopics("Authorization", bearer(forged.serialize())), CHALLENGE, INVALID);
          return captured.text().contains("Cannot fetch the keys from " + jwks + ", keeping the");
        });
      }
      assertOkV2(proxy.getTopic(topic, "Authorization", bearer(usedAfterARefreshFailed)));

      SignedJWT unknownKey = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rotated-key").build(),
          corpClaims(issuer).build());
      sign(unknownKey, new RSAKeyGenerator(2048).keyID("rotated-key").generate());
      assertUnauthorized(proxy.produce(topic, MediaTypes.BINARY_V2, binaryRecord("x"), "Authorization",
          bearer(unknownKey.serialize())), CHALLENGE, INVALID);
      assertEquals(1, kafka.recordCount(topic));
    } finally {
      if (provider != null) {
        provider.shutdown();
      }
    }
  }

  private static void sign(SignedJWT jwt, RSAKey key) {
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
