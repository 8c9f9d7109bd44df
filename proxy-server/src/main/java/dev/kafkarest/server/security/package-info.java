/**
 * Authentication of HTTP requests: who is calling, as a {@link dev.kafkarest.core.access.Identity}.
 *
 * <p>{@link dev.kafkarest.server.security.AuthenticationFeature} registers the
 * {@link dev.kafkarest.server.security.AuthenticationFilter}, which runs before resource matching and
 * hands each request to one {@link dev.kafkarest.server.security.Authenticator}: HTTP Basic against a
 * users file or a Confluent JAAS file, OAuth2/OIDC bearer tokens (JWTs), or TLS client certificates.
 * Resources read the outcome with {@link dev.kafkarest.server.security.RequestIdentity}. Settings are
 * defined by {@link dev.kafkarest.server.security.AuthenticationConfigKeys} and read into
 * {@link dev.kafkarest.server.security.AuthenticationSettings}.
 *
 * <p>No password, token or hash ever appears in a log line, an error message or a cache key.
 */
@NullMarked
package dev.kafkarest.server.security;

import org.jspecify.annotations.NullMarked;
