package dev.kafkarest.server.security;

/** How requests authenticate, Confluent's {@code authentication.method}. */
public enum AuthenticationMethod {
  /** No credentials are asked for; with TLS client authentication the certificate names the caller. */
  NONE,
  /** HTTP Basic against a users file or a JAAS property file. */
  BASIC,
  /** OAuth2/OIDC bearer tokens: signed JWTs. */
  BEARER
}
