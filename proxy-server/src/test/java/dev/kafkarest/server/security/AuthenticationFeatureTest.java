package dev.kafkarest.server.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthenticationFeatureTest {

  @Test
  void authenticates_noMethodNorCertificates_false() {
    assertFalse(new AuthenticationFeature(AuthenticationSettings.parse(Map.of())).authenticates());
  }

  @Test
  void authenticates_clientCertificatesWithoutAMethod_true() {
    // No authentication.method, but certificates are asked for: their filter runs on every request.
    assertTrue(new AuthenticationFeature(AuthenticationSettings.parse(Map.of("ssl.client.authentication", "REQUESTED")))
        .authenticates());
  }
}
