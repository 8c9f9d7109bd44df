package dev.kafkarest.server.security;

import java.security.cert.X509Certificate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a request presents to prove who it is.
 *
 * @param authorization the {@code Authorization} header, or null when absent
 * @param certificates the client's certificate chain, leaf first, already verified by TLS; empty without
 *     TLS client authentication
 */
public record Credentials(@Nullable String authorization, List<X509Certificate> certificates) {
  public Credentials {
    certificates = List.copyOf(certificates);
  }

  /** {@return credentials that are only an {@code Authorization} header} */
  public static Credentials header(@Nullable String authorization) {
    return new Credentials(authorization, List.of());
  }

  /** {@return the credentials' kinds, never the header's value}: a record would print it */
  @Override
  public String toString() {
    String scheme = authorization == null ? "none" : authorization.strip().split(" ", 2)[0];
    return "Credentials[authorization scheme " + scheme + ", " + certificates.size() + " certificates]";
  }
}
