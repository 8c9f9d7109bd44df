package dev.kafkarest.server.security;

import dev.kafkarest.core.access.Identity;

/**
 * Establishes who made a request from its credentials.
 *
 * <p>Implementations are thread-safe and may be called for every request; they never block for long
 * (a JWKS fetch is bounded by its timeouts) and never put a credential in the exception's message.
 */
public interface Authenticator {
  /**
   * {@return the authenticated identity}
   *
   * @throws AuthenticationException when credentials are missing or invalid, or the caller lacks a
   *     required role, group or scope; its {@link AuthenticationException#failure()} says which
   */
  Identity authenticate(Credentials credentials) throws AuthenticationException;
}
