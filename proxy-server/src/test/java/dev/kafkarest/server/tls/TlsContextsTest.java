package dev.kafkarest.server.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.config.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsContextsTest {
  @TempDir static Path dir;
  static TestCertificates certs;

  @BeforeAll
  static void certificates() {
    certs = TestCertificates.create(dir);
  }

  private static TlsSettings settings(Map<String, String> values) {
    return TlsConfigKeys.settings(new AbstractConfig(TlsConfigKeys.define(new ConfigDef()), values, false));
  }

  private static Map<String, String> serverStore() {
    Map<String, String> values = new HashMap<>();
    values.put(TlsConfigKeys.KEYSTORE_LOCATION, certs.serverKeystore().toString());
    values.put(TlsConfigKeys.KEYSTORE_PASSWORD, TestCertificates.PASSWORD);
    return values;
  }

  @Test
  void serverEngine_pkcs12Keystore_offersOnlyTls12And13ByDefault() {
    SSLEngine engine = TlsContexts.serverEngine(settings(serverStore())).createSSLEngine();

    assertEquals(List.of("TLSv1.3", "TLSv1.2"), List.of(engine.getEnabledProtocols()));
    assertFalse(engine.getNeedClientAuth());
    assertFalse(engine.getWantClientAuth());
  }

  @Test
  void serverEngine_clientAuthenticationRequired_needsClientCertificates() {
    Map<String, String> values = serverStore();
    values.put(TlsConfigKeys.CLIENT_AUTHENTICATION, "REQUIRED");
    values.put(TlsConfigKeys.TRUSTSTORE_LOCATION, certs.truststore().toString());
    values.put(TlsConfigKeys.TRUSTSTORE_PASSWORD, TestCertificates.PASSWORD);

    SSLEngineConfigurator engine = TlsContexts.serverEngine(settings(values));

    assertTrue(engine.isNeedClientAuth());
  }

  @Test
  void serverEngine_legacyClientAuthTrue_meansRequired() {
    Map<String, String> values = serverStore();
    values.put(TlsConfigKeys.CLIENT_AUTH, "true");
    values.put(TlsConfigKeys.TRUSTSTORE_LOCATION, certs.authorityPem().toString());
    values.put(TlsConfigKeys.TRUSTSTORE_TYPE, "PEM");

    assertTrue(TlsContexts.serverEngine(settings(values)).isNeedClientAuth());
  }

  @Test
  void serverEngine_requested_wantsButDoesNotNeedCertificates() {
    Map<String, String> values = serverStore();
    values.put(TlsConfigKeys.CLIENT_AUTHENTICATION, "requested");
    values.put(TlsConfigKeys.TRUSTSTORE_LOCATION, certs.authorityPem().toString());
    values.put(TlsConfigKeys.TRUSTSTORE_TYPE, "PEM");

    SSLEngineConfigurator engine = TlsContexts.serverEngine(settings(values));

    assertTrue(engine.isWantClientAuth());
    assertFalse(engine.isNeedClientAuth());
  }

  @Test
  void serverEngine_clientAuthenticationWithoutTruststore_namesTheSetting() {
    Map<String, String> values = serverStore();
    values.put(TlsConfigKeys.CLIENT_AUTHENTICATION, "REQUIRED");

    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> TlsContexts.serverEngine(settings(values)));

    assertTrue(e.getMessage().contains(TlsConfigKeys.TRUSTSTORE_LOCATION), e.getMessage());
  }

  @Test
  void serverEngine_noKeystore_namesTheSetting() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> TlsContexts.serverEngine(settings(Map.of())));

    assertTrue(e.getMessage().contains(TlsConfigKeys.KEYSTORE_LOCATION), e.getMessage());
  }

  @Test
  void serverEngine_missingKeystoreFile_namesSettingAndFile() {
    Map<String, String> values = serverStore();
    values.put(TlsConfigKeys.KEYSTORE_LOCATION, dir.resolve("nope.p12").toString());

    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> TlsContexts.serverEngine(settings(values)));

    assertTrue(e.getMessage().contains(TlsConfigKeys.KEYSTORE_LOCATION), e.getMessage());
    assertTrue(e.getMessage().contains("nope.p12") && e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void serverEngine_wrongKeystorePassword_namesThePasswordSettingButNotThePassword() {
    Map<String, String> values = serverStore();
    values.put(TlsConfigKeys.KEYSTORE_PASSWORD, "wrong-secret");

    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> TlsContexts.serverEngine(settings(values)));

    assertTrue(e.getMessage().contains(TlsConfigKeys.KEYSTORE_PASSWORD), e.getMessage());
    assertFalse(e.getMessage().contains("wrong-secret"), e.getMessage());
  }

  @Test
  void serverEngine_pemFileReadAsPkcs12_saysItCannotBeRead() {
    Map<String, String> values = serverStore();
    values.put(TlsConfigKeys.KEYSTORE_LOCATION, certs.authorityPem().toString());

    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> TlsContexts.serverEngine(settings(values)));

    assertTrue(e.getMessage().contains(TlsConfigKeys.KEYSTORE_LOCATION), e.getMessage());
    assertTrue(e.getMessage().contains("cannot be read as PKCS12"), e.getMessage());
  }

  @Test
  void serverEngine_truststoreAsKeystore_saysItHoldsNoKey() {
    Map<String, String> values = serverStore();
    values.put(TlsConfigKeys.KEYSTORE_LOCATION, certs.truststore().toString());

    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> TlsContexts.serverEngine(settings(values)));

    assertTrue(e.getMessage().contains("holds no private key"), e.getMessage());
  }

  @Test
  void serverEngine_unknownProtocolVersion_namesTheSetting() {
    Map<String, String> values = serverStore();
    values.put(TlsConfigKeys.ENABLED_PROTOCOLS, "TLSv9");

    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> TlsContexts.serverEngine(settings(values)));

    assertTrue(e.getMessage().contains(TlsConfigKeys.ENABLED_PROTOCOLS), e.getMessage());
  }

  @Test
  void serverEngine_pemKeystore_usesKeyAndChain() throws Exception {
    Path pem = certs.pemKeystore("server-pem", "CN=localhost", null);
    Map<String, String> values = new HashMap<>();
    values.put(TlsConfigKeys.KEYSTORE_LOCATION, pem.toString());
    values.put(TlsConfigKeys.KEYSTORE_TYPE, "PEM");

    SSLEngine engine = TlsContexts.serverEngine(settings(values)).createSSLEngine();

    assertTrue(engine.getEnabledProtocols().length > 0);
    assertTrue(Files.readString(pem).contains("BEGIN PRIVATE KEY"));
  }

  @Test
  void serverEngine_encryptedPemKey_isUnlockedByKeyPassword() {
    Path pem = certs.pemKeystore("server-pem-encrypted", "CN=localhost", "key-secret");
    Map<String, String> values = new HashMap<>();
    values.put(TlsConfigKeys.KEYSTORE_LOCATION, pem.toString());
    values.put(TlsConfigKeys.KEYSTORE_TYPE, "PEM");
    values.put(TlsConfigKeys.KEY_PASSWORD, "key-secret");

    SSLEngineConfigurator engine = TlsContexts.serverEngine(settings(values));

    assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, engine.createSSLEngine().getEnabledProtocols());
  }

  @Test
  void serverEngine_encryptedPemKeyWithoutPassword_namesTheKeystore() {
    Path pem = certs.pemKeystore("server-pem-locked", "CN=localhost", "key-secret");
    Map<String, String> values = new HashMap<>();
    values.put(TlsConfigKeys.KEYSTORE_LOCATION, pem.toString());
    values.put(TlsConfigKeys.KEYSTORE_TYPE, "PEM");

    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> TlsContexts.serverEngine(settings(values)));

    assertTrue(e.getMessage().contains(TlsConfigKeys.KEYSTORE_LOCATION), e.getMessage());
  }
}
