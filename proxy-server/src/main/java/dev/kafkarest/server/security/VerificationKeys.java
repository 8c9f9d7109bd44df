package dev.kafkarest.server.security;

import com.nimbusds.jose.jwk.JWK;
import java.util.List;

/** The public (or, for HMAC, secret) keys bearer tokens are verified with. Thread-safe. */
interface VerificationKeys {
  /**
   * {@return the current keys, fetched first if they are missing or due for a refresh; the last keys
   * fetched when the provider cannot be reached}
   *
   * @throws KeysUnavailableException when no keys were ever obtained
   */
  List<JWK> current() throws KeysUnavailableException;

  /**
   * {@return the keys after asking the provider again because a token named a key id it does not know;
   * the provider is asked at most once per minimum refresh interval}
   *
   * @throws KeysUnavailableException when no keys were ever obtained
   */
  List<JWK> refreshForUnknownKey() throws KeysUnavailableException;

  /** No keys could be obtained. */
  final class KeysUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    KeysUnavailableException(String message) {
      super(message, null, false, false);
    }
  }
}
