package dev.kafkarest.server.security;

import static dev.kafkarest.server.security.AuthenticationConfigKeys.BASIC_CACHE_MS;
import static dev.kafkarest.server.security.AuthenticationConfigKeys.BASIC_RELOAD_INTERVAL_MS;
import static dev.kafkarest.server.security.AuthenticationConfigKeys.BASIC_USERS_FILE;
import static dev.kafkarest.server.security.AuthenticationConfigKeys.BEARER_ALGORITHMS;
import static dev.kafkarest.server.security.AuthenticationConfigKeys.BEARER_ALLOWED_GROUPS;
import static dev.kafkarest.server.security.AuthenticationConfigKeys.BEARER_AUDIENCE;
import static dev.kafkarest.server.security.AuthenticationConfigKeys.BEARER_CLOCK_SKEW_MS;
import static dev.kafkarest.server.security.AuthenticationConfigKeys.BEARER_GROUPS_CLAIM;
import static dev.kafkarest.server.security.AuthenticationConfigKeys.BEARER_ISSUER;
import static dev.kafkarest.server.security.AuthenticationConfigKeys.BEARER_JWKS_CONNECT_TIMEOUT_MS;
import static dev.kafkarest.server.security.AuthenticationConfigKeys.BEARER_JWKS_FILE;
import static dev.kafkarest.server.security.AuthenticationConfigKeys.BEARER_JWKS_READ_TIMEOUT_MS;
import static dev.kafkarest.server.security.AuthenticationConfigKeys.BEARER_JWKS_REFRESH_MIN_MS;
import static dev.kafkarest.server.security.AuthenticationConfigKeys.BEARER_JWKS_REFRESH_MS;
import static dev.kafkarest.server.security.AuthenticationConfigKeys.BEARER_JWKS_URL;
import static dev.kafkarest.server.security.AuthenticationConfigKeys.BEARER_PRINCIPAL_CLAIM;
import static dev.kafkarest.server.security.AuthenticationConfigKeys.BEARER_REQUIRED_SCOPES;
import static dev.kafkarest.server.security.AuthenticationConfigKeys.METHOD;
import static dev.kafkarest.server.security.AuthenticationConfigKeys.REALM;
import static dev.kafkarest.server.security.AuthenticationConfigKeys.ROLES;
import static dev.kafkarest.server.security.AuthenticationConfigKeys.SKIP_PATHS;
import static dev.kafkarest.server.security.AuthenticationConfigKeys.SSL_PRINCIPAL_MAPPING_RULES;

import com.nimbusds.jose.JWSAlgorithm;
import dev.kafkarest.server.config.InvalidConfigException;
import dev.kafkarest.server.tls.ClientAuthentication;
import dev.kafkarest.server.tls.TlsConfigKeys;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.jspecify.annotations.Nullable;

/**
 * The authentication settings, typed and checked together.
 *
 * @param roles BASIC roles of which a user needs one; empty lets any user in
 * @param skipPaths paths served without authentication; an entry ending in {@code /*} covers a subtree
 */
public record AuthenticationSettings(
    AuthenticationMethod method,
    String realm,
    Set<String> roles,
    List<String> skipPaths,
    Basic basic,
    Bearer bearer,
    Certificates certificates) {

  public AuthenticationSettings {
    Objects.requireNonNull(method, "method");
    roles = Set.copyOf(roles);
    skipPaths = List.copyOf(skipPaths);
  }

  /**
   * HTTP Basic: the proxy's users file, else the users file named by a Confluent JAAS file.
   *
   * @param jaasFile the file of {@code -Djava.security.auth.login.config}, when set
   */
  public record Basic(@Nullable Path usersFile, @Nullable Path jaasFile, Duration reloadInterval, Duration cacheTtl) {}

  /** Bearer JWTs: where the keys come from and what a token must say. */
  public record Bearer(
      @Nullable URI jwksUrl,
      @Nullable Path jwksFile,
      Duration jwksRefresh,
      Duration jwksMinRefresh,
      Duration jwksConnectTimeout,
      Duration jwksReadTimeout,
      String issuer,
      Set<String> audience,
      Set<JWSAlgorithm> algorithms,
      Duration clockSkew,
      Set<String> requiredScopes,
      String groupsClaim,
      Set<String> allowedGroups,
      String principalClaim) {

    public Bearer {
      audience = Set.copyOf(audience);
      algorithms = Set.copyOf(algorithms);
      requiredScopes = Set.copyOf(requiredScopes);
      allowedGroups = Set.copyOf(allowedGroups);
    }
  }

  /** TLS client certificates: whether they are asked for and how a subject becomes a principal. */
  public record Certificates(ClientAuthentication mode, String mappingRules) {}

  /**
   * {@return settings from key-value pairs, with the JAAS file of this JVM's system property}
   *
   * @throws InvalidConfigException when a value is invalid or required settings are missing
   */
  public static AuthenticationSettings parse(Map<String, ?> settings) {
    try {
      return from(new AbstractConfig(AuthenticationConfigKeys.define(TlsConfigKeys.define(new ConfigDef())), settings,
          false));
    } catch (ConfigException e) {
      throw new InvalidConfigException("Invalid setting: " + e.getMessage(), e);
    }
  }

  /**
   * {@return settings from a configuration parsed with a definition that includes
   * {@link AuthenticationConfigKeys#define}, with the JAAS file of this JVM's system property}
   *
   * @throws InvalidConfigException when required settings are missing or do not fit together
   */
  public static AuthenticationSettings from(AbstractConfig config) {
    return from(config, System.getProperty(JaasConfigFile.SYSTEM_PROPERTY));
  }

  static AuthenticationSettings from(AbstractConfig config, @Nullable String jaasProperty) {
    AuthenticationMethod method =
        AuthenticationMethod.valueOf(config.getString(METHOD).strip().toUpperCase(Locale.ROOT));
    Set<String> roles = new LinkedHashSet<>(config.getList(ROLES));
    if (roles.contains("*")) {
      roles.clear();
    }
    Basic basic = new Basic(
        optionalPath(config.getString(BASIC_USERS_FILE)),
        jaasProperty == null || jaasProperty.isBlank() ? null : JaasConfigFile.path(jaasProperty.strip()),
        Duration.ofMillis(config.getLong(BASIC_RELOAD_INTERVAL_MS)),
        Duration.ofMillis(config.getLong(BASIC_CACHE_MS)));
    Bearer bearer = new Bearer(
        jwksUrl(config.getString(BEARER_JWKS_URL)),
        optionalPath(config.getString(BEARER_JWKS_FILE)),
        Duration.ofMillis(config.getLong(BEARER_JWKS_REFRESH_MS)),
        Duration.ofMillis(config.getLong(BEARER_JWKS_REFRESH_MIN_MS)),
        Duration.ofMillis(config.getInt(BEARER_JWKS_CONNECT_TIMEOUT_MS)),
        Duration.ofMillis(config.getInt(BEARER_JWKS_READ_TIMEOUT_MS)),
        config.getString(BEARER_ISSUER).strip(),
        Set.copyOf(config.getList(BEARER_AUDIENCE)),
        algorithms(config.getList(BEARER_ALGORITHMS)),
        Duration.ofMillis(config.getLong(BEARER_CLOCK_SKEW_MS)),
        Set.copyOf(config.getList(BEARER_REQUIRED_SCOPES)),
        config.getString(BEARER_GROUPS_CLAIM).strip(),
        Set.copyOf(config.getList(BEARER_ALLOWED_GROUPS)),
        config.getString(BEARER_PRINCIPAL_CLAIM).strip());
    Certificates certificates = new Certificates(TlsConfigKeys.clientAuthentication(config),
        config.getString(SSL_PRINCIPAL_MAPPING_RULES).strip());
    AuthenticationSettings settings = new AuthenticationSettings(method, config.getString(REALM).strip(), roles,
        config.getList(SKIP_PATHS), basic, bearer, certificates);
    settings.check();
    return settings;
  }

  private void check() {
    if (realm.isEmpty() || realm.contains("\"") || realm.contains("\\")) {
      throw new InvalidConfigException("Invalid setting: " + REALM + " must be non-empty, without quotes or backslashes");
    }
    for (String path : skipPaths) {
      if (!path.startsWith("/")) {
        throw new InvalidConfigException("Invalid setting: " + SKIP_PATHS + " entries start with /, was '" + path + "'");
      }
    }
    if (method == AuthenticationMethod.BASIC && basic.usersFile() == null && basic.jaasFile() == null) {
      throw new InvalidConfigException("Invalid setting: " + METHOD + "=BASIC needs " + BASIC_USERS_FILE
          + " or a JAAS file (-D" + JaasConfigFile.SYSTEM_PROPERTY + "=...)");
    }
    if (method == AuthenticationMethod.BEARER) {
      checkBearer();
    }
  }

  private void checkBearer() {
    if ((bearer.jwksUrl() == null) == (bearer.jwksFile() == null)) {
      throw new InvalidConfigException("Invalid setting: " + METHOD + "=BEARER needs exactly one of "
          + BEARER_JWKS_URL + " and " + BEARER_JWKS_FILE);
    }
    requireSet(BEARER_ISSUER, !bearer.issuer().isEmpty());
    requireSet(BEARER_AUDIENCE, !bearer.audience().isEmpty());
    requireSet(BEARER_ALLOWED_GROUPS, !bearer.allowedGroups().isEmpty());
    requireSet(BEARER_GROUPS_CLAIM, !bearer.groupsClaim().isEmpty());
    requireSet(BEARER_PRINCIPAL_CLAIM, !bearer.principalClaim().isEmpty());
    boolean hmac = bearer.algorithms().stream().anyMatch(JWSAlgorithm.Family.HMAC_SHA::contains);
    if (hmac && bearer.jwksUrl() != null) {
      throw new InvalidConfigException("Invalid setting: " + BEARER_ALGORITHMS + " may name HMAC algorithms only "
          + "with a local key file (" + BEARER_JWKS_FILE + "), never with " + BEARER_JWKS_URL);
    }
  }

  private static void requireSet(String key, boolean set) {
    if (!set) {
      throw new InvalidConfigException("Invalid setting: " + METHOD + "=BEARER needs " + key);
    }
  }

  private static Set<JWSAlgorithm> algorithms(List<String> names) {
    Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
    for (String name : names) {
      JWSAlgorithm algorithm = JWSAlgorithm.parse(name.strip());
      boolean known = JWSAlgorithm.Family.SIGNATURE.contains(algorithm)
          || JWSAlgorithm.Family.HMAC_SHA.contains(algorithm);
      if (!known || JWSAlgorithm.Family.ED.contains(algorithm)) {
        throw new InvalidConfigException("Invalid setting: " + BEARER_ALGORITHMS + " has unsupported algorithm '"
            + name + "'; use RS*, PS*, ES* or HS*");
      }
      algorithms.add(algorithm);
    }
    if (algorithms.isEmpty()) {
      throw new InvalidConfigException("Invalid setting: " + BEARER_ALGORITHMS + " is empty");
    }
    return algorithms;
  }

  private static @Nullable Path optionalPath(String value) {
    return value.isBlank() ? null : Path.of(value.strip());
  }

  private static @Nullable URI jwksUrl(String value) {
    if (value.isBlank()) {
      return null;
    }
    try {
      URI uri = URI.create(value.strip());
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("Invalid setting: " + BEARER_JWKS_URL + " '" + value + "': " + e.getMessage(), e);
    }
  }
}
