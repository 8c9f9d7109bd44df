package dev.kafkarest.server.security;

import dev.kafkarest.server.tls.TlsConfigKeys;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import dev.kafkarest.server.config.InvalidConfigException;
import dev.kafkarest.server.tls.ClientAuthentication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

class AuthenticationSettingsTest {
  private static final Map<String, String> BEARER = Map.of(
      "authentication.method", "bearer",
      "authentication.bearer.jwks.url", "https://login.example/keys",
      "authentication.bearer.issuer", "https://login.example",
      "authentication.bearer.audience", "kafka-rest",
      "authentication.bearer.allowed.groups", "writers");

  private static Map<String, String> bearerWith(String key, String value) {
    Map<String, String> settings = new HashMap<>(BEARER);
    settings.put(key, value);
    return settings;
  }

  private static String failure(Map<String, String> settings) {
    return assertThrows(InvalidConfigException.class, () -> AuthenticationSettings.parse(settings)).getMessage();
  }

  @Test
  void parse_nothing_isNoneWithConfluentDefaults() {
    AuthenticationSettings settings = AuthenticationSettings.parse(Map.of());

    assertEquals(AuthenticationMethod.NONE, settings.method());
    assertEquals("KafkaRest", settings.realm());
    assertEquals(Set.of(), settings.roles());
    assertEquals(List.of("/healthz", "/readyz", "/console/*"), settings.skipPaths());
    assertEquals(ClientAuthentication.NONE, settings.certificates().mode());
    assertEquals("DEFAULT", settings.certificates().mappingRules());
  }

  @Test
  void parse_bearer_typedValuesAndDefaults() {
    AuthenticationSettings.Bearer bearer = AuthenticationSettings.parse(BEARER).bearer();

    assertEquals("https://login.example/keys", String.valueOf(bearer.jwksUrl()));
    assertEquals(Duration.ofSeconds(30), bearer.clockSkew());
    assertEquals("groups", bearer.groupsClaim());
    assertEquals("sub", bearer.principalClaim());
    assertTrue(bearer.algorithms().contains(JWSAlgorithm.RS256) && bearer.algorithms().contains(JWSAlgorithm.ES256));
    assertTrue(bearer.algorithms().stream().noneMatch(JWSAlgorithm.Family.HMAC_SHA::contains));
  }

  @Test
  void parse_bearerWithoutIssuerAudienceOrGroups_failsNamingTheKey() {
    assertTrue(failure(bearerWith("authentication.bearer.issuer", "")).contains("authentication.bearer.issuer"));
    assertTrue(failure(bearerWith("authentication.bearer.audience", "")).contains("authentication.bearer.audience"));
    assertTrue(failure(bearerWith("authentication.bearer.allowed.groups", ""))
        .contains("authentication.bearer.allowed.groups"));
  }

  @Test
  void parse_bearerKeySources_exactlyOneOfUrlAndFile() {
    assertTrue(failure(bearerWith("authentication.bearer.jwks.file", "/etc/keys.pem")).contains("exactly one"));
    assertTrue(failure(bearerWith("authentication.bearer.jwks.url", "")).contains("exactly one"));
    assertTrue(failure(bearerWith("authentication.bearer.jwks.url", "ftp://x/keys"))
        .contains("authentication.bearer.jwks.url"));
  }

  @Test
  void parse_algorithmNoneOrHmacWithUrl_fails() {
    assertTrue(failure(bearerWith("authentication.bearer.algorithms", "RS256,none")).contains("'none'"));
    assertTrue(failure(bearerWith("authentication.bearer.algorithms", "RS256,HS256")).contains("HMAC"));
    Map<String, String> hmacFile = bearerWith("authentication.bearer.jwks.url", "");
    hmacFile.put("authentication.bearer.jwks.file", "/etc/secret.jwks");
    hmacFile.put("authentication.bearer.algorithms", "HS256");
    assertEquals(Set.of(JWSAlgorithm.HS256), AuthenticationSettings.parse(hmacFile).bearer().algorithms());
  }

  @Test
  void parse_basicWithoutUsersOrJaasFile_fails() {
    assertTrue(failure(Map.of("authentication.method", "BASIC")).contains("authentication.basic.users.file"));
  }

  @Test
  void from_jaasSystemProperty_isTheJaasFile() {
    AbstractConfig config = new AbstractConfig(AuthenticationConfigKeys.define(TlsConfigKeys.define(new ConfigDef())),
        Map.of("authentication.method", "BASIC"), false);

    AuthenticationSettings settings = AuthenticationSettings.from(config, "/etc/kafka-rest/jaas.conf");

    assertEquals(Path.of("/etc/kafka-rest/jaas.conf"), settings.basic().jaasFile());
    assertNull(settings.basic().usersFile());
  }

  @Test
  void parse_unknownMethodOrRelativeSkipPath_fails() {
    assertTrue(failure(Map.of("authentication.method", "KERBEROS")).contains("authentication.method"));
    assertTrue(failure(Map.of("authentication.skip.paths", "healthz")).contains("authentication.skip.paths"));
  }

  @Test
  void parse_rolesWildcard_meansAnyRole() {
    assertEquals(Set.of(), AuthenticationSettings.parse(Map.of("authentication.roles", "admin,*")).roles());
    assertEquals(Set.of("admin"), AuthenticationSettings.parse(Map.of("authentication.roles", "admin")).roles());
  }

  @Test
  void parse_legacyClientAuthTrue_meansCertificatesRequired() {
    assertEquals(ClientAuthentication.REQUIRED,
        AuthenticationSettings.parse(Map.of("ssl.client.auth", "true")).certificates().mode());
  }
}
