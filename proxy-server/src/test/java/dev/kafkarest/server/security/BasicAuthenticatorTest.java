package dev.kafkarest.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.access.Identity;
import dev.kafkarest.server.security.AuthenticationException.Failure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class BasicAuthenticatorTest {
  private static final Duration TTL = Duration.ofSeconds(60);

  private final FakeTime time = new FakeTime();
  private final CountingPassword decoy = new CountingPassword("never");
  private final Map<String, UserEntry> users = new HashMap<>();
  private final UserStore store = new UserStore() {
    @Override
    public @Nullable UserEntry find(String name) {
      return users.get(name);
    }

    @Override
    public StoredPassword decoy() {
      return decoy;
    }
  };

  /** A stored password that counts its checks. */
  private static final class CountingPassword implements StoredPassword {
    private final String password;
    final AtomicInteger checks = new AtomicInteger();

    CountingPassword(String password) {
      this.password = password;
    }

    @Override
    public boolean matches(String candidate) {
      checks.incrementAndGet();
      return password.equals(candidate);
    }
  }

  private static String basic(String userAndPassword) {
    return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
  }

  private CountingPassword addUser(String name, String password, String... roles) {
    CountingPassword stored = new CountingPassword(password);
    users.put(name, new UserEntry(name, stored, Set.of(roles)));
    return stored;
  }

  private BasicAuthenticator authenticator(Set<String> roles, Duration ttl) {
    return new BasicAuthenticator(store, roles, ttl, time);
  }

  @Test
  void authenticate_rightPassword_givesUserWithRolesAsGroups() throws Exception {
    addUser("alice", "s3cret:with:colons", "admin", "producers");

    Identity identity = authenticator(Set.of(), TTL)
        .authenticate(Credentials.header(basic("alice:s3cret:with:colons")));

    assertEquals(Identity.of("alice", Set.of("admin", "producers")), identity);
  }

  @Test
  void authenticate_wrongPassword_isInvalidNamingTheKnownUser() {
    addUser("alice", "s3cret");

    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> authenticator(Set.of(), TTL).authenticate(Credentials.header(basic("alice:guess"))));

    assertEquals(Failure.INVALID, e.failure());
    assertEquals("alice", e.principal());
    assertTrue(!e.getMessage().contains("guess"));
  }

  @Test
  void authenticate_unknownUser_isInvalidWithoutNameAndPaysTheDecoyCheck() {
    addUser("alice", "s3cret");

    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> authenticator(Set.of(), TTL).authenticate(Credentials.header(basic("mallory:s3cret"))));

    assertEquals(Failure.INVALID, e.failure());
    assertNull(e.principal());
    assertEquals(1, decoy.checks.get());
  }

  @Test
  void authenticate_noHeaderOrOtherScheme_isMissing() {
    BasicAuthenticator authenticator = authenticator(Set.of(), TTL);

    assertEquals(Failure.MISSING, assertThrows(AuthenticationException.class,
        () -> authenticator.authenticate(Credentials.header(null))).failure());
    assertEquals(Failure.MISSING, assertThrows(AuthenticationException.class,
        () -> authenticator.authenticate(Credentials.header("Bearer abc"))).failure());
  }

  @Test
  void authenticate_malformedBase64OrNoColon_isInvalid() {
    BasicAuthenticator authenticator = authenticator(Set.of(), TTL);

    assertEquals(Failure.INVALID, assertThrows(AuthenticationException.class,
        () -> authenticator.authenticate(Credentials.header("Basic !!!not-base64"))).failure());
    assertEquals(Failure.INVALID, assertThrows(AuthenticationException.class,
        () -> authenticator.authenticate(Credentials.header(basic("no-colon")))).failure());
    assertEquals(Failure.INVALID, assertThrows(AuthenticationException.class,
        () -> authenticator.authenticate(Credentials.header("Basic " + Base64.getEncoder()
            .encodeToString(new byte[] {'a', ':', (byte) 0xff})))).failure());
  }

  @Test
  void authenticate_userWithNoneOfTheRoles_isForbidden() {
    addUser("bob", "pw", "readers");

    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> authenticator(Set.of("admin", "producers"), TTL).authenticate(Credentials.header(basic("bob:pw"))));

    assertEquals(Failure.FORBIDDEN, e.failure());
    assertEquals("bob", e.principal());
  }

  @Test
  void authenticate_userWithOneOfTheRolesOrWildcard_passes() throws Exception {
    addUser("bob", "pw", "producers");

    assertEquals("bob", authenticator(Set.of("admin", "producers"), TTL)
        .authenticate(Credentials.header(basic("bob:pw"))).name());
    assertEquals("bob", authenticator(Set.of("*"), TTL).authenticate(Credentials.header(basic("bob:pw"))).name());
  }

  @Test
  void authenticate_repeatedWithinTtl_checksThePasswordOnce() throws Exception {
    CountingPassword stored = addUser("alice", "pw");
    BasicAuthenticator authenticator = authenticator(Set.of(), TTL);

    authenticator.authenticate(Credentials.header(basic("alice:pw")));
    authenticator.authenticate(Credentials.header(basic("alice:pw")));
    time.advance(TTL.minusSeconds(1));
    authenticator.authenticate(Credentials.header(basic("alice:pw")));
    assertEquals(1, stored.checks.get());

    time.advance(Duration.ofSeconds(2));
    authenticator.authenticate(Credentials.header(basic("alice:pw")));
    assertEquals(2, stored.checks.get());
  }

  @Test
  void authenticate_cachedPasswordThenWrongOne_stillChecksAndFails() throws Exception {
    addUser("alice", "pw");
    BasicAuthenticator authenticator = authenticator(Set.of(), TTL);
    authenticator.authenticate(Credentials.header(basic("alice:pw")));

    assertThrows(AuthenticationException.class, () -> authenticator.authenticate(Credentials.header(basic("alice:pw2"))));
  }

  @Test
  void authenticate_zeroTtl_checksEveryTime() throws Exception {
    CountingPassword stored = addUser("alice", "pw");
    BasicAuthenticator authenticator = authenticator(Set.of(), Duration.ZERO);

    authenticator.authenticate(Credentials.header(basic("alice:pw")));
    authenticator.authenticate(Credentials.header(basic("alice:pw")));

    assertEquals(2, stored.checks.get());
  }

  @Test
  void authenticate_userReplacedByReload_isCheckedAgainstTheNewEntry() throws Exception {
    addUser("alice", "old");
    BasicAuthenticator authenticator = authenticator(Set.of(), TTL);
    authenticator.authenticate(Credentials.header(basic("alice:old")));

    addUser("alice", "new");

    assertThrows(AuthenticationException.class, () -> authenticator.authenticate(Credentials.header(basic("alice:old"))));
    assertEquals("alice", authenticator.authenticate(Credentials.header(basic("alice:new"))).name());
  }
}
