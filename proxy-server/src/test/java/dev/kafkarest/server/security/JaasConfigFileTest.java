package dev.kafkarest.server.security;

import dev.kafkarest.server.tls.TlsConfigKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.access.Identity;
import dev.kafkarest.server.config.InvalidConfigException;
import dev.kafkarest.server.security.AuthenticationException.Failure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Confluent's JAAS set-up: a JAAS file naming Jetty's PropertyFileLoginModule and its users file. */
class JaasConfigFileTest {
  @TempDir
  Path dir;

  private Path users;

  @BeforeEach
  void writeUsers() throws IOException {
    users = dir.resolve("password.properties");
    Files.writeString(users, """
        # Jetty HashLoginService format
        plainuser: plainpass,admin
        md5user: MD5:5ebe2294ecd0e0f08eab7690d2a6ee69, developer , ops
        cryptuser=CRYPT:abNANd1rDfiNc
        """);
  }

  private Path jaas(String content) throws IOException {
    Path file = dir.resolve("kafka-rest-jaas.conf");
    Files.writeString(file, content);
    return file;
  }

  private Path confluentJaas(String entry) throws IOException {
    return jaas("""
        /* Confluent's example */
        %s {
          org.eclipse.jetty.jaas.spi.PropertyFileLoginModule required
          debug="true"
          file="%s";
        };
        Other {
          com.sun.security.auth.module.Krb5LoginModule required;
        };
        """.formatted(entry, users.toString().replace("\\", "\\\\")));
  }

  private static String basic(String userAndPassword) {
    return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
  }

  private Authenticator basicAuthenticator(Path jaasFile, Map<String, String> extra) {
    Map<String, Object> settings = new HashMap<>(Map.of("authentication.method", "BASIC"));
    settings.putAll(extra);
    AuthenticationSettings parsed = AuthenticationSettings.from(
        new AbstractConfig(AuthenticationConfigKeys.define(TlsConfigKeys.define(new ConfigDef())), settings, false), jaasFile.toString());
    return AuthenticationFeature.authenticator(parsed, Ticker.systemTicker(), Clock.systemUTC());
  }

  @Test
  void usersFile_confluentEntry_isTheFileOption() throws IOException {
    assertEquals(users, JaasConfigFile.usersFile(confluentJaas("KafkaRest"), "KafkaRest"));
  }

  @Test
  void authenticate_jettyUsersOfTheJaasFile_plainMd5AndCryptPasswords() throws Exception {
    Authenticator authenticator = basicAuthenticator(confluentJaas("KafkaRest"), Map.of());

    assertEquals(Identity.of("plainuser", Set.of("admin")),
        authenticator.authenticate(Credentials.header(basic("plainuser:plainpass"))));
    assertEquals(Identity.of("md5user", Set.of("developer", "ops")),
        authenticator.authenticate(Credentials.header(basic("md5user:secret"))));
    assertEquals(Identity.of("cryptuser", Set.of()),
        authenticator.authenticate(Credentials.header(basic("cryptuser:secret"))));
    assertEquals(Failure.INVALID, assertThrows(AuthenticationException.class,
        () -> authenticator.authenticate(Credentials.header(basic("md5user:plainpass")))).failure());
  }

  @Test
  void authenticate_realmNamesTheEntryAndRolesApply() throws Exception {
    Authenticator authenticator = basicAuthenticator(confluentJaas("RestRealm"),
        Map.of("authentication.realm", "RestRealm", "authentication.roles", "admin"));

    assertEquals("plainuser", authenticator.authenticate(Credentials.header(basic("plainuser:plainpass"))).name());
    assertEquals(Failure.FORBIDDEN, assertThrows(AuthenticationException.class,
        () -> authenticator.authenticate(Credentials.header(basic("md5user:secret")))).failure());
  }

  @Test
  void usersFile_systemPropertyExpansionAndUrlForms_areUnderstood() throws IOException {
    System.setProperty("kafkarest.test.users", users.toString());
    try {
      Path file = jaas("""
          KafkaRest {
            org.eclipse.jetty.jaas.spi.PropertyFileLoginModule required file="${kafkarest.test.users}";
          };
          """);
      assertEquals(users, JaasConfigFile.usersFile(JaasConfigFile.path("=" + file.toUri()), "KafkaRest"));
    } finally {
      System.clearProperty("kafkarest.test.users");
    }
  }

  @Test
  void usersFile_missingEntry_failsNamingTheRealmSetting() throws IOException {
    Path file = confluentJaas("KafkaRest");

    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> JaasConfigFile.usersFile(file, "Nope"));

    assertTrue(e.getMessage().contains("authentication.realm"), e.getMessage());
  }

  @Test
  void usersFile_otherLoginModuleOrNoFileOption_fails() throws IOException {
    Path kerberos = jaas("KafkaRest { com.sun.security.auth.module.Krb5LoginModule required; };");
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> JaasConfigFile.usersFile(kerberos, "KafkaRest"));
    assertTrue(e.getMessage().contains("Krb5LoginModule"), e.getMessage());

    Path noFile = jaas("KafkaRest { org.eclipse.jetty.jaas.spi.PropertyFileLoginModule required; };");
    assertThrows(InvalidConfigException.class, () -> JaasConfigFile.usersFile(noFile, "KafkaRest"));
  }

  @Test
  void usersFile_syntaxError_failsAtStartUp() throws IOException {
    Path broken = jaas("KafkaRest { org.eclipse.jetty.jaas.spi.PropertyFileLoginModule required file=");

    assertThrows(InvalidConfigException.class, () -> JaasConfigFile.usersFile(broken, "KafkaRest"));
  }

  @Test
  void readJetty_obfuscatedPassword_failsNamingTheUserOnly() throws IOException {
    Files.writeString(users, "olduser: OBF:1v2j1uum1xtv1zej1zer1xtn1uvk1v1v,admin\n");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UsersFile.readJetty(users));

    assertTrue(e.getMessage().contains("olduser"), e.getMessage());
    assertTrue(!e.getMessage().contains("1v2j"), e.getMessage());
  }
}
