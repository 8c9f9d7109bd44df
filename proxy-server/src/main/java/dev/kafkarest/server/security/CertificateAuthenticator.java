package dev.kafkarest.server.security;

import dev.kafkarest.core.access.Identity;
import dev.kafkarest.server.config.InvalidConfigException;
import dev.kafkarest.server.logging.LogText;
import dev.kafkarest.server.security.AuthenticationException.Failure;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.apache.kafka.common.security.ssl.SslPrincipalMapper;

/**
 * TLS client certificates: the principal is the subject of the leaf certificate, in RFC 2253 form,
 * mapped by rules written as Kafka's {@code ssl.principal.mapping.rules}, for example
 * {@code RULE:^CN=([^,]+),OU=.*$/$1/L,DEFAULT}. The chain must already have been verified by TLS.
 */
public final class CertificateAuthenticator implements Authenticator {
  private final SslPrincipalMapper mapper;
  private final boolean required;

  /**
   * @param rules Kafka-style principal mapping rules
   * @param required true when a request without a certificate is refused; false lets it through anonymous
   * @throws InvalidConfigException when the rules are malformed
   */
  public CertificateAuthenticator(String rules, boolean required) {
    try {
      this.mapper = SslPrincipalMapper.fromRules(rules);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("Invalid setting: " + AuthenticationConfigKeys.SSL_PRINCIPAL_MAPPING_RULES
          + ": " + e.getMessage(), e);
    }
    this.required = required;
  }

  @Override
  public Identity authenticate(Credentials credentials) throws AuthenticationException {
    return authenticate(credentials.certificates().toArray(X509Certificate[]::new));
  }

  /**
   * {@return the identity named by a verified client certificate chain, leaf first} Without a chain it is
   * anonymous, or a failure when certificates are required.
   *
   * @throws AuthenticationException when a required certificate is missing or no rule maps its subject
   */
  public Identity authenticate(X509Certificate[] chain) throws AuthenticationException {
    if (chain.length == 0) {
      if (required) {
        throw new AuthenticationException(Failure.MISSING, null, "no client certificate");
      }
      return Identity.anonymous();
    }
    String subject = chain[0].getSubjectX500Principal().getName(X500Principal.RFC2253);
    try {
      return Identity.of(mapper.getName(subject), Set.of());
    } catch (IOException | RuntimeException e) {
      throw new AuthenticationException(Failure.INVALID, null, "no principal mapping rule matches the subject "
          + LogText.loggable(subject));
    }
  }
}
