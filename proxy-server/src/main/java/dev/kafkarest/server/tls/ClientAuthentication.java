package dev.kafkarest.server.tls;

import java.util.Locale;

/** Whether an https listener asks for a client certificate ({@code ssl.client.authentication}). */
public enum ClientAuthentication {
  /** No certificate is asked for. */
  NONE,
  /** A certificate is asked for; a client without one still connects, one with an untrusted one does not. */
  REQUESTED,
  /** A trusted certificate is required to connect. */
  REQUIRED;

  /**
   * Reads Confluent's {@code ssl.client.authentication} value, or, when that is unset, the older boolean
   * {@code ssl.client.auth} ({@code true} means {@link #REQUIRED}).
   *
   * @throws IllegalArgumentException for any other value
   */
  static ClientAuthentication parse(String authentication, boolean legacyRequired) {
    if (authentication.isBlank()) {
      return legacyRequired ? REQUIRED : NONE;
    }
    return valueOf(authentication.trim().toUpperCase(Locale.ROOT));
  }
}
