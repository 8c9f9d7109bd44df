package dev.kafkarest.server.security;

import static dev.kafkarest.server.security.TestTokens.claims;
import static dev.kafkarest.server.security.TestTokens.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import dev.kafkarest.core.access.Identity;
import dev.kafkarest.server.security.AuthenticationException.Failure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BearerAuthenticatorTest {
  private final FakeTime time = new FakeTime();
  private final RSAKey rsa = TestTokens.RSA_1;
  private final CountingKeys keys = new CountingKeys(List.of(rsa.toPublicJWK()));

  /** Keys that count how often they are asked for. */
  private static final class CountingKeys implements VerificationKeys {
    private final List<JWK> keys;
    final AtomicInteger current = new AtomicInteger();
    final AtomicInteger refreshes = new AtomicInteger();

    CountingKeys(List<JWK> keys) {
      this.keys = new ArrayList<>(keys);
    }

    @Override
    public List<JWK> current() {
      current.incrementAndGet();
      return List.copyOf(keys);
    }

    @Override
    public List<JWK> refreshForUnknownKey() {
      refreshes.incrementAndGet();
      return List.copyOf(keys);
    }
  }

  private BearerAuthenticator authenticator(Map<String, String> overrides, VerificationKeys verificationKeys) {
    Map<String, String> settings = new HashMap<>(Map.of(
        "authentication.method", "BEARER",
        "authentication.bearer.jwks.url", "https://login.example/keys",
        "authentication.bearer.issuer", TestTokens.ISSUER,
        "authentication.bearer.audience", "other-api," + TestTokens.AUDIENCE,
        "authentication.bearer.allowed.groups", "kafka-writers,kafka-admins"));
    settings.putAll(overrides);
    return new BearerAuthenticator(AuthenticationSettings.parse(settings).bearer(), verificationKeys, time.clock(), time);
  }

  private BearerAuthenticator authenticator() {
    return authenticator(Map.of(), keys);
  }

  private static Credentials bearer(String token) {
    return Credentials.header("Bearer " + token);
  }

  private AuthenticationException refused(BearerAuthenticator authenticator, String token) {
    return assertThrows(AuthenticationException.class, () -> authenticator.authenticate(bearer(token)));
  }

  @Test
  void authenticate_validToken_givesSubjectAndGroups() throws Exception {
    Identity identity = authenticator().authenticate(bearer(sign(rsa, claims(time.now()).build())));

    assertEquals(Identity.of("svc-orders", Set.of("kafka-writers", "everyone")), identity);
  }

  @Test
  void authenticate_es256Token_isVerifiedWithTheEcKey() throws Exception {
    ECKey ec = TestTokens.ecKey("ec-1");
    BearerAuthenticator authenticator = authenticator(Map.of(), new CountingKeys(List.of(rsa.toPublicJWK(), ec.toPublicJWK())));

    assertEquals("svc-orders", authenticator.authenticate(bearer(sign(ec, JWSAlgorithm.ES256, claims(time.now()).build()))).name());
  }

  @Test
  void authenticate_missingOrOtherScheme_isMissing() {
    BearerAuthenticator authenticator = authenticator();

    assertEquals(Failure.MISSING, assertThrows(AuthenticationException.class,
        () -> authenticator.authenticate(Credentials.header(null))).failure());
    assertEquals(Failure.MISSING, assertThrows(AuthenticationException.class,
        () -> authenticator.authenticate(Credentials.header("Basic YTpi"))).failure());
    assertEquals(Failure.MISSING, assertThrows(AuthenticationException.class,
        () -> authenticator.authenticate(Credentials.header("Bearer   "))).failure());
  }

  @Test
  void authenticate_garbage_isInvalid() {
    assertEquals(Failure.INVALID, refused(authenticator(), "not.a.jwt").failure());
    assertEquals(Failure.INVALID, refused(authenticator(), "abc").failure());
  }

  @Test
  void authenticate_expiredBeyondSkew_isInvalid() {
    String token = sign(rsa, claims(time.now()).expirationTime(Date.from(time.now().minusSeconds(31))).build());

    AuthenticationException e = refused(authenticator(), token);

    assertEquals(Failure.INVALID, e.failure());
    assertNull(e.principal());
  }

  @Test
  void authenticate_expiredWithinSkew_passes() throws Exception {
    String token = sign(rsa, claims(time.now()).expirationTime(Date.from(time.now().minusSeconds(29))).build());

    assertEquals("svc-orders", authenticator().authenticate(bearer(token)).name());
  }

  @Test
  void authenticate_notYetValid_passesWithinSkewOnly() throws Exception {
    String soon = sign(rsa, claims(time.now()).notBeforeTime(Date.from(time.now().plusSeconds(20))).build());
    String later = sign(rsa, claims(time.now()).notBeforeTime(Date.from(time.now().plusSeconds(40))).build());

    assertEquals("svc-orders", authenticator().authenticate(bearer(soon)).name());
    assertEquals(Failure.INVALID, refused(authenticator(), later).failure());
    assertEquals("svc-orders",
        authenticator(Map.of("authentication.bearer.clock.skew.ms", "60000"), keys).authenticate(bearer(later)).name());
  }

  @Test
  void authenticate_noExp_isInvalid() {
    String token = sign(rsa, claims(time.now()).expirationTime(null).build());

    assertEquals(Failure.INVALID, refused(authenticator(), token).failure());
  }

  @Test
  void authenticate_wrongAudience_isInvalid() {
    String token = sign(rsa, claims(time.now()).audience("someone-else").build());

    AuthenticationException e = refused(authenticator(), token);

    assertEquals(Failure.INVALID, e.failure());
    assertEquals("svc-orders", e.principal());
  }

  @Test
  void authenticate_wrongIssuer_isInvalid() {
    String token = sign(rsa, claims(time.now()).issuer("https://evil.example").build());

    AuthenticationException e = refused(authenticator(), token);

    assertEquals(Failure.INVALID, e.failure());
    assertNull(e.principal(), "another issuer's subject is no one to name in the log");
  }

  @Test
  void authenticate_signedByAnotherKeyWithTheSameKid_isInvalid() {
    String token = sign(TestTokens.RSA_1_IMPOSTOR, claims(time.now()).build());

    AuthenticationException e = refused(authenticator(), token);

    assertEquals(Failure.INVALID, e.failure());
    assertEquals("signature does not verify", e.getMessage());
  }

  @Test
  void authenticate_unknownKid_asksForFreshKeysOnce() {
    String token = sign(TestTokens.RSA_2, claims(time.now()).build());

    assertEquals(Failure.INVALID, refused(authenticator(), token).failure());
    assertEquals(1, keys.refreshes.get());
  }

  @Test
  void authenticate_algNone_isInvalid() {
    String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)).toString();
    String payload = Base64URL.encode(claims(time.now()).build().toString().getBytes(StandardCharsets.UTF_8)).toString();

    assertEquals(Failure.INVALID, refused(authenticator(), header + "." + payload + ".").failure());
  }

  @Test
  void authenticate_hmacTokenWhenNotAllowed_isInvalid() throws Exception {
    OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).keyID("rsa-1").generate();
    String token = sign(secret, JWSAlgorithm.HS256, claims(time.now()).build());

    AuthenticationException e = refused(authenticator(), token);

    assertEquals("algorithm HS256 is not allowed", e.getMessage());
  }

  @Test
  void authenticate_hmacTokenSignedWithThePublicRsaKey_isInvalidEvenWhenHmacIsAllowed() throws Exception {
    // The classic algorithm confusion: the RSA public key used as an HMAC secret.
    OctetSequenceKey confused = new OctetSequenceKey.Builder(rsa.toPublicJWK().toRSAPublicKey().getEncoded())
        .keyID("rsa-1").build();
    String token = sign(confused, JWSAlgorithm.HS256, claims(time.now()).build());
    BearerAuthenticator authenticator = authenticator(Map.of("authentication.bearer.jwks.url", "",
        "authentication.bearer.jwks.file", "unused", "authentication.bearer.algorithms", "RS256,HS256"), keys);

    assertEquals(Failure.INVALID, refused(authenticator, token).failure());
  }

  @Test
  void authenticate_hmacWithConfiguredSecretKey_passes() throws Exception {
    OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).keyID("shared").generate();
    BearerAuthenticator authenticator = authenticator(Map.of("authentication.bearer.jwks.url", "",
        "authentication.bearer.jwks.file", "unused", "authentication.bearer.algorithms", "HS256"),
        new CountingKeys(List.of(secret)));

    assertEquals("svc-orders",
        authenticator.authenticate(bearer(sign(secret, JWSAlgorithm.HS256, claims(time.now()).build()))).name());
  }

  @Test
  void authenticate_noAllowedGroup_isForbiddenNamingThePrincipal() {
    String token = sign(rsa, claims(time.now()).claim("groups", List.of("everyone")).build());

    AuthenticationException e = refused(authenticator(), token);

    assertEquals(Failure.FORBIDDEN, e.failure());
    assertEquals("svc-orders", e.principal());
  }

  @Test
  void authenticate_noGroupsClaim_isForbiddenUnlessAnyGroupIsAllowed() throws Exception {
    String token = sign(rsa, claims(time.now()).claim("groups", null).build());

    assertEquals(Failure.FORBIDDEN, refused(authenticator(), token).failure());
    assertEquals("svc-orders", authenticator(Map.of("authentication.bearer.allowed.groups", "*"), keys)
        .authenticate(bearer(token)).name());
  }

  @Test
  void authenticate_nestedGroupsClaimAndOtherPrincipalClaim_areRead() throws Exception {
    String token = sign(rsa, claims(time.now())
        .claim("realm_access", Map.of("roles", List.of("kafka-admins")))
        .claim("preferred_username", "orders-service").build());
    BearerAuthenticator authenticator = authenticator(Map.of("authentication.bearer.groups.claim", "realm_access.roles",
        "authentication.bearer.principal.claim", "preferred_username"), keys);

    assertEquals(Identity.of("orders-service", Set.of("kafka-admins")), authenticator.authenticate(bearer(token)));
  }

  @Test
  void authenticate_missingPrincipalClaim_isInvalid() {
    String token = sign(rsa, claims(time.now()).subject(null).build());

    assertEquals(Failure.INVALID, refused(authenticator(), token).failure());
  }

  @Test
  void authenticate_requiredScopes_fromScopeOrScp() throws Exception {
    BearerAuthenticator authenticator =
        authenticator(Map.of("authentication.bearer.required.scopes", "kafka.produce,kafka.consume"), keys);
    String scope = sign(rsa, claims(time.now()).claim("scope", "openid kafka.consume kafka.produce").build());
    String scp = sign(rsa, claims(time.now()).claim("scp", List.of("kafka.produce", "kafka.consume")).build());
    String partial = sign(rsa, claims(time.now()).claim("scope", "kafka.produce").build());

    assertEquals("svc-orders", authenticator.authenticate(bearer(scope)).name());
    assertEquals("svc-orders", authenticator.authenticate(bearer(scp)).name());
    assertEquals(Failure.INSUFFICIENT_SCOPE, refused(authenticator, partial).failure());
  }

  @Test
  void authenticate_sameTokenAgain_isNotVerifiedAgainUntilItExpires() throws Exception {
    BearerAuthenticator authenticator = authenticator();
    String token = sign(rsa, claims(time.now()).expirationTime(Date.from(time.now().plusSeconds(120))).build());

    authenticator.authenticate(bearer(token));
    authenticator.authenticate(bearer(token));
    assertEquals(1, keys.current.get());

    time.advance(Duration.ofSeconds(120 + 31));
    assertEquals(Failure.INVALID, refused(authenticator, token).failure());
  }
}
