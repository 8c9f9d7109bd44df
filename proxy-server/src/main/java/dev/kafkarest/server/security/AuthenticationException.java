package dev.kafkarest.server.security;

import org.jspecify.annotations.Nullable;

/**
 * A request could not be authenticated, or its caller may not use the proxy. The message is the reason
 * for the log; it never contains a password, a token or a hash, and is never sent to the client.
 */
public final class AuthenticationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why authentication failed; decides the status and challenge of the answer. */
  public enum Failure {
    /** No credentials of the configured kind: 401. */
    MISSING,
    /** Credentials that do not verify (unknown user, wrong password, bad or expired token): 401. */
    INVALID,
    /** Authenticated, but with none of the required roles or groups: 403. */
    FORBIDDEN,
    /** A valid token that lacks a required scope: 403 with {@code error="insufficient_scope"}. */
    INSUFFICIENT_SCOPE
  }

  private final Failure failure;
  private final @Nullable String principal;

  /**
   * @param principal the caller's name when it is known and trustworthy (an existing user, a verified
   *     token's subject), else null
   * @param reason what went wrong, for the log; no secret
   */
  public AuthenticationException(Failure failure, @Nullable String principal, String reason) {
    super(reason, null, false, false);
    this.failure = failure;
    this.principal = principal;
  }

  public Failure failure() {
    return failure;
  }

  public @Nullable String principal() {
    return principal;
  }
}
