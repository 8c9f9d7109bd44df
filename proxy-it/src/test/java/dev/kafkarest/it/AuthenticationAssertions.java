package dev.kafkarest.it;

import static dev.kafkarest.it.ProxyAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on authentication refusals, as docs/security.md promises them: 401/40101 with one of two fixed
 * messages and a {@code WWW-Authenticate} challenge, or 403/40301 without a challenge; in both cases a
 * body that names no credential and gives no hint of which check failed.
 */
public final class AuthenticationAssertions {
  public static final String REQUIRED = "Authentication required";
  public static final String INVALID = "Invalid credentials";
  public static final String NOT_AUTHORIZED = "Not authorized";

  /** Words that would tell a caller which check failed. */
  private static final List<String> HINTS = List.of("password", "user", "token", "expired", "issuer", "audience",
      "signature", "group", "role", "scope", "found", "unknown", "kid", "exception");

  private AuthenticationAssertions() {}

  /**
   * Asserts a 401/40101 with exactly {@code message}, exactly {@code challenge} (null: no
   * {@code WWW-Authenticate} header, as for client certificates) and a body that contains none of
   * {@code secrets} (passwords, user names, tokens) nor any hint of the failed check.
   */
  public static void assertUnauthorized(HttpResult result, @Nullable String challenge, String message,
      String... secrets) {
    assertEquals(message, assertError(result, 401, 40101), () -> "message of " + result);
    assertEquals(challenge == null ? List.of() : List.of(challenge), result.headers().allValues("WWW-Authenticate"),
        () -> "challenge of " + result);
    assertRevealsNothing(result, secrets);
  }

  /** Asserts a 403/40301 "Not authorized" without a challenge, revealing nothing (see {@link #assertUnauthorized}). */
  public static void assertForbidden(HttpResult result, String... secrets) {
    assertEquals(NOT_AUTHORIZED, assertError(result, 403, 40301), () -> "message of " + result);
    assertNull(result.header("WWW-Authenticate"), () -> "a 403 for a missing group or role has no challenge: "
        + result);
    assertRevealsNothing(result, secrets);
  }

  /** Asserts a 403/40301 "Not authorized" with exactly {@code challenge} (a missing scope), revealing nothing. */
  public static void assertForbiddenWithChallenge(HttpResult result, String challenge, String... secrets) {
    assertEquals(NOT_AUTHORIZED, assertError(result, 403, 40301), () -> "message of " + result);
    assertEquals(List.of(challenge), result.headers().allValues("WWW-Authenticate"), () -> "challenge of " + result);
    assertRevealsNothing(result, secrets);
  }

  /** Asserts that neither the body nor any header holds one of {@code secrets} or a hint word. */
  public static void assertRevealsNothing(HttpResult result, String... secrets) {
    String body = result.body().toLowerCase(Locale.ROOT);
    for (String hint : HINTS) {
      assertFalse(body.contains(hint), () -> "body hints at '" + hint + "': " + result);
    }
    String headers = result.headers().map().toString();
    for (String secret : secrets) {
      assertFalse(result.body().contains(secret), () -> "body reveals a credential: " + result);
      assertFalse(headers.contains(secret), () -> "headers reveal a credential: " + result.headers().map());
    }
  }
}
