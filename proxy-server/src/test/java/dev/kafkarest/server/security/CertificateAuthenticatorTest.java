package dev.kafkarest.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kafkarest.core.access.Identity;
import dev.kafkarest.server.config.InvalidConfigException;
import dev.kafkarest.server.security.AuthenticationException.Failure;
import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CertificateAuthenticatorTest {
  /** Self-signed, subject CN=alice,OU=payments,O=Example (made with openssl req -x509). */
  static X509Certificate alice() throws Exception {
    try (InputStream in = CertificateAuthenticatorTest.class.getResourceAsStream("/security/client-alice.pem")) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  @Test
  void authenticate_defaultRules_givesTheWholeSubject() throws Exception {
    Identity identity = new CertificateAuthenticator("DEFAULT", true).authenticate(new X509Certificate[] {alice()});

    assertEquals(Identity.of("CN=alice,OU=payments,O=Example", Set.of()), identity);
  }

  @Test
  void authenticate_kafkaStyleRule_mapsTheSubject() throws Exception {
    CertificateAuthenticator authenticator =
        new CertificateAuthenticator("RULE:^CN=([^,]+),OU=payments,.*$/$1@PAYMENTS/U,DEFAULT", true);

    assertEquals("ALICE@PAYMENTS", authenticator.authenticate(new Credentials(null, List.of(alice()))).name());
  }

  @Test
  void authenticate_noRuleMatches_isInvalid() throws Exception {
    CertificateAuthenticator authenticator = new CertificateAuthenticator("RULE:^CN=bob,.*$/bob/", true);

    assertEquals(Failure.INVALID, assertThrows(AuthenticationException.class,
        () -> authenticator.authenticate(new X509Certificate[] {alice()})).failure());
  }

  @Test
  void authenticate_noCertificate_isMissingWhenRequiredElseAnonymous() throws Exception {
    assertEquals(Failure.MISSING, assertThrows(AuthenticationException.class,
        () -> new CertificateAuthenticator("DEFAULT", true).authenticate(new X509Certificate[0])).failure());
    assertEquals(Identity.anonymous(), new CertificateAuthenticator("DEFAULT", false).authenticate(new X509Certificate[0]));
  }

  @Test
  void create_malformedRules_failNamingTheSetting() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> new CertificateAuthenticator("RULE:broken", true));

    assertEquals(true, e.getMessage().contains("ssl.principal.mapping.rules"));
  }
}
