package dev.kafkarest.server.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TlsSettingsTest {

  @Test
  void toString_showsTheStoresButNoPassword() {
    TlsSettings settings = new TlsSettings(
        new TlsSettings.Store("ssl.keystore.location", "/etc/proxy/keys.p12", "PKCS12", "store-secret"), "key-secret",
        new TlsSettings.Store("ssl.truststore.location", "/etc/proxy/ca.p12", "PKCS12", "trust-secret"),
        ClientAuthentication.REQUIRED, TlsSettings.DEFAULT_PROTOCOLS, List.of(), "TLS");

    String shown = settings.toString();

    assertTrue(shown.contains("/etc/proxy/keys.p12") && shown.contains("/etc/proxy/ca.p12"), shown);
    assertFalse(shown.contains("store-secret") || shown.contains("key-secret") || shown.contains("trust-secret"),
        shown);
  }
}
