package dev.kafkarest.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.access.Identity;
import dev.kafkarest.server.security.AuthenticationException.Failure;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * HTTP Basic ({@code Authorization: Basic base64(user:password)}, UTF-8) against a {@link UserStore}.
 *
 * <p>A verified user and password are remembered for a short time, keyed by a salted SHA-256 of both
 * (never the password itself), so only the first request pays for the slow hash. A reload of the users
 * file makes remembered entries invalid at once. Unknown users are checked against a real user's hash
 * so that they take as long as known ones.
 */
public final class BasicAuthenticator implements Authenticator {
  static final int CACHE_MAX_ENTRIES = 10_000;

  private record Verified(UserEntry user, Identity identity) {}

  private final UserStore users;
  private final Set<String> roles;
  private final @Nullable Cache<String, Verified> verified;
  private final String cacheSalt;

  /**
   * @param roles roles of which a user needs one, else 403; empty or containing {@code *} lets any user in
   * @param cacheTtl how long a verified password is remembered; zero remembers nothing
   */
  public BasicAuthenticator(UserStore users, Set<String> roles, Duration cacheTtl, Ticker ticker) {
    this.users = users;
    this.roles = roles.contains("*") ? Set.of() : Set.copyOf(roles);
    this.verified = cacheTtl.isZero() ? null : Caffeine.newBuilder()
        .maximumSize(CACHE_MAX_ENTRIES)
        .expireAfterWrite(cacheTtl)
        .ticker(ticker)
        .executor(Runnable::run)
        .build();
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    this.cacheSalt = HexFormat.of().formatHex(salt);
  }

  @Override
  public Identity authenticate(Credentials credentials) throws AuthenticationException {
    String header = credentials.authorization();
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      throw new AuthenticationException(Failure.MISSING, null, "no Basic credentials");
    }
    String decoded = decode(header.substring(6).strip());
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new AuthenticationException(Failure.INVALID, null, "malformed Basic credentials");
    }
    String name = decoded.substring(0, colon);
    String password = decoded.substring(colon + 1);
    UserEntry user = users.find(name);
    Identity identity = user == null ? null : remembered(name, password, user);
    if (identity == null) {
      identity = verify(name, password, user);
    }
    if (!roles.isEmpty() && identity.groups().stream().noneMatch(roles::contains)) {
      throw new AuthenticationException(Failure.FORBIDDEN, name, "user has none of the roles " + roles);
    }
    return identity;
  }

  private @Nullable Identity remembered(String name, String password, UserEntry user) {
    if (verified == null) {
      return null;
    }
    Verified entry = verified.getIfPresent(Secrets.sha256(cacheSalt, name, password));
    return entry != null && entry.user() == user ? entry.identity() : null;
  }

  private Identity verify(String name, String password, @Nullable UserEntry user) throws AuthenticationException {
    if (user == null) {
      users.decoy().matches(password);
      throw new AuthenticationException(Failure.INVALID, null, "unknown user");
    }
    if (!user.password().matches(password)) {
      throw new AuthenticationException(Failure.INVALID, name, "wrong password");
    }
    Identity identity = Identity.of(name, user.roles());
    if (verified != null) {
      verified.put(Secrets.sha256(cacheSalt, name, password), new Verified(user, identity));
    }
    return identity;
  }

  private static String decode(String base64) throws AuthenticationException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Base64.getDecoder().decode(base64)))
          .toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      throw new AuthenticationException(Failure.INVALID, null, "malformed Basic credentials");
    }
  }
}
