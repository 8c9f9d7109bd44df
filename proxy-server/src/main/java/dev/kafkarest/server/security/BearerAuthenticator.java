package dev.kafkarest.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.kafkarest.core.access.Identity;
import dev.kafkarest.server.logging.LogText;
import dev.kafkarest.server.security.AuthenticationException.Failure;
import dev.kafkarest.server.security.VerificationKeys.KeysUnavailableException;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * OAuth2/OIDC bearer tokens: signed JWTs ({@code Authorization: Bearer <jwt>}).
 *
 * <p>A token is accepted when its algorithm is one of the allowed ones ({@code none} never is), its
 * signature verifies with one of the {@link VerificationKeys} (an unknown {@code kid} makes the keys be
 * fetched again), {@code exp} has not passed and {@code nbf} has come (both give or take the clock skew),
 * {@code iss} is the configured issuer and {@code aud} names one of the configured audiences. The
 * principal is the principal claim ({@code sub} by default). A verified token that lacks a required scope
 * ({@code scope} or {@code scp}) or carries none of the allowed groups in its groups claim is refused
 * with 403.
 *
 * <p>Accepted tokens are remembered by their SHA-256 until they expire (at most
 * {@value #CACHE_MAX_ENTRIES} tokens, each at most {@link #CACHE_MAX_TTL}), so a repeated token costs a
 * hash and a look-up.
 */
public final class BearerAuthenticator implements Authenticator {
  static final int CACHE_MAX_ENTRIES = 10_000;
  static final Duration CACHE_MAX_TTL = Duration.ofMinutes(10);

  private record Accepted(Identity identity, Instant expires) {}

  private final AuthenticationSettings.Bearer settings;
  private final VerificationKeys keys;
  private final Clock clock;
  private final Cache<String, Accepted> accepted;
  private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

  BearerAuthenticator(AuthenticationSettings.Bearer settings, VerificationKeys keys, Clock clock, Ticker ticker) {
    this.settings = settings;
    this.keys = keys;
    this.clock = clock;
    this.accepted = Caffeine.newBuilder()
        .maximumSize(CACHE_MAX_ENTRIES)
        .expireAfter(Expiry.creating((String token, Accepted entry) -> {
          Duration left = Duration.between(clock.instant(), entry.expires());
          return left.isNegative() ? Duration.ZERO : left.compareTo(CACHE_MAX_TTL) > 0 ? CACHE_MAX_TTL : left;
        }))
        .ticker(ticker)
        .executor(Runnable::run)
        .build();
  }

  @Override
  public Identity authenticate(Credentials credentials) throws AuthenticationException {
    String header = credentials.authorization();
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
      throw new AuthenticationException(Failure.MISSING, null, "no Bearer token");
    }
    String token = header.substring(7).strip();
    String key = Secrets.sha256(token);
    Accepted known = accepted.getIfPresent(key);
    if (known != null && clock.instant().isBefore(known.expires())) {
      return known.identity();
    }
    SignedJWT jwt = parse(token);
    verifySignature(jwt);
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new AuthenticationException(Failure.INVALID, null, "token claims are not a JSON object");
    }
    Instant expires = checkTime(claims);
    String principal = principal(claims);
    checkIssuerAndAudience(claims, principal);
    checkScopes(claims, principal);
    Set<String> groups = strings(claim(claims, settings.groupsClaim()));
    if (!settings.allowedGroups().contains("*") && groups.stream().noneMatch(settings.allowedGroups()::contains)) {
      throw new AuthenticationException(Failure.FORBIDDEN, principal, "token has none of the allowed groups "
          + settings.allowedGroups() + " in its " + settings.groupsClaim() + " claim");
    }
    Identity identity = Identity.of(principal, groups);
    accepted.put(key, new Accepted(identity, expires.plus(settings.clockSkew())));
    return identity;
  }

  private SignedJWT parse(String token) throws AuthenticationException {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException | RuntimeException e) {
      throw new AuthenticationException(Failure.INVALID, null, "not a signed JWT");
    }
    JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
    if (!settings.algorithms().contains(algorithm)) {
      throw new AuthenticationException(Failure.INVALID, null, "algorithm " + LogText.loggable(algorithm.getName())
          + " is not allowed");
    }
    return jwt;
  }

  private void verifySignature(SignedJWT jwt) throws AuthenticationException {
    JWSHeader header = jwt.getHeader();
    try {
      List<JWK> candidates = candidates(header, keys.current());
      if (candidates.isEmpty() && header.getKeyID() != null) {
        candidates = candidates(header, keys.refreshForUnknownKey());
      }
      if (candidates.isEmpty()) {
        throw new AuthenticationException(Failure.INVALID, null, "no key for algorithm " + header.getAlgorithm()
            + (header.getKeyID() == null ? "" : " and kid " + LogText.loggable(header.getKeyID())));
      }
      for (JWK candidate : candidates) {
        JWSVerifier verifier = verifiers.createJWSVerifier(header, key(candidate));
        if (jwt.verify(verifier)) {
          return;
        }
      }
    } catch (KeysUnavailableException e) {
      throw new AuthenticationException(Failure.INVALID, null, e.getMessage());
    } catch (JOSEException | IllegalStateException e) {
      throw new AuthenticationException(Failure.INVALID, null, "signature cannot be checked: " + e.getMessage());
    }
    throw new AuthenticationException(Failure.INVALID, null, "signature does not verify");
  }

  /** Keys that may have signed a token with this header: same kid (or none), use, algorithm and key type. */
  private static List<JWK> candidates(JWSHeader header, List<JWK> keys) {
    List<JWK> candidates = new ArrayList<>();
    for (JWK key : keys) {
      boolean kidFits = header.getKeyID() == null || key.getKeyID() == null || header.getKeyID().equals(key.getKeyID());
      boolean useFits = key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse());
      boolean algorithmFits = key.getAlgorithm() == null || key.getAlgorithm().equals(header.getAlgorithm());
      if (kidFits && useFits && algorithmFits && typeFits(key.getKeyType(), header.getAlgorithm())) {
        candidates.add(key);
      }
    }
    return candidates;
  }

  private static boolean typeFits(KeyType type, JWSAlgorithm algorithm) {
    return KeyType.RSA.equals(type) && JWSAlgorithm.Family.RSA.contains(algorithm)
        || KeyType.EC.equals(type) && JWSAlgorithm.Family.EC.contains(algorithm)
        || KeyType.OCT.equals(type) && JWSAlgorithm.Family.HMAC_SHA.contains(algorithm);
  }

  private static Key key(JWK jwk) throws JOSEException {
    if (jwk instanceof RSAKey rsa) {
      return rsa.toRSAPublicKey();
    }
    if (jwk instanceof ECKey ec) {
      return ec.toECPublicKey();
    }
    if (jwk instanceof OctetSequenceKey oct) {
      return oct.toSecretKey();
    }
    throw new JOSEException("unsupported key type " + jwk.getKeyType());
  }

  private Instant checkTime(JWTClaimsSet claims) throws AuthenticationException {
    Instant now = clock.instant();
    Date expiration = claims.getExpirationTime();
    if (expiration == null) {
      throw new AuthenticationException(Failure.INVALID, null, "token has no exp");
    }
    if (now.isAfter(expiration.toInstant().plus(settings.clockSkew()))) {
      throw new AuthenticationException(Failure.INVALID, null, "token expired at " + expiration.toInstant());
    }
    Date notBefore = claims.getNotBeforeTime();
    if (notBefore != null && now.plus(settings.clockSkew()).isBefore(notBefore.toInstant())) {
      throw new AuthenticationException(Failure.INVALID, null, "token not valid before " + notBefore.toInstant());
    }
    return expiration.toInstant();
  }

  private String principal(JWTClaimsSet claims) throws AuthenticationException {
    if (claim(claims, settings.principalClaim()) instanceof String name && !name.isBlank()) {
      return name;
    }
    throw new AuthenticationException(Failure.INVALID, null, "token has no " + settings.principalClaim() + " claim");
  }

  private void checkIssuerAndAudience(JWTClaimsSet claims, String principal) throws AuthenticationException {
    if (!settings.issuer().equals(claims.getIssuer())) {
      // No principal for the log: another issuer may sign with the same keys (every Entra ID tenant does), and names
      // whom it likes. The right issuer vouches for the subject of a token meant for another audience.
      throw new AuthenticationException(Failure.INVALID, null, "issuer "
          + LogText.loggable(String.valueOf(claims.getIssuer())) + " is not " + settings.issuer());
    }
    List<String> audience = claims.getAudience();
    if (audience.stream().noneMatch(settings.audience()::contains)) {
      throw new AuthenticationException(Failure.INVALID, principal, "audience "
          + LogText.loggable(audience.toString()) + " names none of " + settings.audience());
    }
  }

  private void checkScopes(JWTClaimsSet claims, String principal) throws AuthenticationException {
    if (settings.requiredScopes().isEmpty()) {
      return;
    }
    Set<String> scopes = new LinkedHashSet<>();
    for (String name : List.of("scope", "scp")) {
      Object value = claims.getClaim(name);
      if (value instanceof String text) {
        scopes.addAll(Arrays.asList(text.strip().split("\\s+")));
      } else {
        scopes.addAll(strings(value));
      }
    }
    if (!scopes.containsAll(settings.requiredScopes())) {
      throw new AuthenticationException(Failure.INSUFFICIENT_SCOPE, principal, "token lacks a scope of "
          + settings.requiredScopes());
    }
  }

  /** {@return a claim; a dotted name that is not a claim itself walks into objects, as Keycloak's realm_access.roles} */
  private static @Nullable Object claim(JWTClaimsSet claims, String name) {
    Object value = claims.getClaim(name);
    if (value != null || !name.contains(".")) {
      return value;
    }
    Object current = claims.getClaims();
    for (String part : name.split("\\.")) {
      if (!(current instanceof Map<?, ?> object)) {
        return null;
      }
      current = object.get(part);
    }
    return current;
  }

  private static Set<String> strings(@Nullable Object value) {
    Set<String> strings = new LinkedHashSet<>();
    if (value instanceof String text) {
      strings.add(text);
    } else if (value instanceof Collection<?> values) {
      values.stream().filter(Objects::nonNull).map(String::valueOf).forEach(strings::add);
    }
    return strings;
  }
}
