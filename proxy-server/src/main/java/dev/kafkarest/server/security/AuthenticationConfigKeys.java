package dev.kafkarest.server.security;

import dev.kafkarest.server.config.KeyGroup;
import java.util.Arrays;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;

/**
 * The authentication settings. {@code authentication.method}, {@code authentication.realm},
 * {@code authentication.roles}, {@code authentication.skip.paths} and (defined with the TLS keys) {@code ssl.client.authentication}
 * are Confluent's; {@code ssl.principal.mapping.rules} is Kafka's; the others are the proxy's own.
 * See docs/security.md.
 */
public final class AuthenticationConfigKeys {
  public static final String GROUP = "Authentication";

  public static final String METHOD = "authentication.method";
  public static final String REALM = "authentication.realm";
  public static final String ROLES = "authentication.roles";
  public static final String SKIP_PATHS = "authentication.skip.paths";

  public static final String BASIC_USERS_FILE = "authentication.basic.users.file";
  public static final String BASIC_RELOAD_INTERVAL_MS = "authentication.basic.reload.interval.ms";
  public static final String BASIC_CACHE_MS = "authentication.basic.cache.ms";

  public static final String BEARER_JWKS_URL = "authentication.bearer.jwks.url";
  public static final String BEARER_JWKS_FILE = "authentication.bearer.jwks.file";
  public static final String BEARER_JWKS_REFRESH_MS = "authentication.bearer.jwks.refresh.ms";
  public static final String BEARER_JWKS_REFRESH_MIN_MS = "authentication.bearer.jwks.refresh.min.ms";
  public static final String BEARER_JWKS_CONNECT_TIMEOUT_MS = "authentication.bearer.jwks.connect.timeout.ms";
  public static final String BEARER_JWKS_READ_TIMEOUT_MS = "authentication.bearer.jwks.read.timeout.ms";
  public static final String BEARER_ISSUER = "authentication.bearer.issuer";
  public static final String BEARER_AUDIENCE = "authentication.bearer.audience";
  public static final String BEARER_ALGORITHMS = "authentication.bearer.algorithms";
  public static final String BEARER_CLOCK_SKEW_MS = "authentication.bearer.clock.skew.ms";
  public static final String BEARER_REQUIRED_SCOPES = "authentication.bearer.required.scopes";
  public static final String BEARER_GROUPS_CLAIM = "authentication.bearer.groups.claim";
  public static final String BEARER_ALLOWED_GROUPS = "authentication.bearer.allowed.groups";
  public static final String BEARER_PRINCIPAL_CLAIM = "authentication.bearer.principal.claim";

  /** Confluent's TLS client authentication mode; defined here unless the TLS settings define it already. */
  public static final String SSL_PRINCIPAL_MAPPING_RULES = "ssl.principal.mapping.rules";

  static final String DEFAULT_ALGORITHMS = "RS256,RS384,RS512,PS256,PS384,PS512,ES256,ES384,ES512";

  private AuthenticationConfigKeys() {}

  /** {@return the definition, with the authentication keys added} */
  public static ConfigDef define(ConfigDef definition) {
    new KeyGroup(definition, GROUP)
        .define(METHOD, Type.STRING, "NONE", upperCaseIn(AuthenticationMethod.class), Importance.HIGH,
            "How requests authenticate: NONE, BASIC (users file or JAAS file) or BEARER (OAuth2/OIDC JWT).")
        .define(REALM, Type.STRING, "KafkaRest", null, Importance.MEDIUM,
            "Realm named in WWW-Authenticate challenges; also the entry read from a JAAS file.")
        .define(ROLES, Type.LIST, "*", null, Importance.MEDIUM,
            "BASIC: roles of which a user needs one (else 403); * or empty lets any user in.")
        .define(SKIP_PATHS, Type.LIST, "/healthz,/readyz,/console/*", null, Importance.LOW,
            "Paths served without authentication; an entry ending in /* covers everything below it.")
        .define(BASIC_USERS_FILE, Type.STRING, "", null, Importance.HIGH,
            "BASIC: users file (user:bcrypt-or-pbkdf2-hash[,role...] per line). Empty uses the JAAS file given by "
                + "-Djava.security.auth.login.config.")
        .define(BASIC_RELOAD_INTERVAL_MS, Type.LONG, 10_000L, Range.between(0, 86_400_000), Importance.LOW,
            "BASIC: the users file is read again when it changed, checked at most this often.")
        .define(BASIC_CACHE_MS, Type.LONG, 60_000L, Range.between(0, 3_600_000), Importance.LOW,
            "BASIC: how long a verified password is remembered (as a salted SHA-256); 0 checks every request.")
        .define(BEARER_JWKS_URL, Type.STRING, "", null, Importance.HIGH,
            "BEARER: the identity provider's JWKS URL (its jwks_uri).")
        .define(BEARER_JWKS_FILE, Type.STRING, "", null, Importance.HIGH,
            "BEARER: a local JWKS or PEM (PUBLIC KEY, CERTIFICATE) file, instead of a JWKS URL.")
        .define(BEARER_JWKS_REFRESH_MS, Type.LONG, 300_000L, Range.between(1_000, 86_400_000), Importance.LOW,
            "BEARER: keys from the JWKS URL are fetched again after this long.")
        .define(BEARER_JWKS_REFRESH_MIN_MS, Type.LONG, 10_000L, Range.between(0, 3_600_000), Importance.LOW,
            "BEARER: least time between two fetches, also when tokens name unknown key ids or the provider is down.")
        .define(BEARER_JWKS_CONNECT_TIMEOUT_MS, Type.INT, 2_000, Range.between(1, 60_000), Importance.LOW,
            "BEARER: connect timeout of a JWKS fetch.")
        .define(BEARER_JWKS_READ_TIMEOUT_MS, Type.INT, 3_000, Range.between(1, 60_000), Importance.LOW,
            "BEARER: read timeout of a JWKS fetch.")
        .define(BEARER_ISSUER, Type.STRING, "", null, Importance.HIGH,
            "BEARER: the required iss claim (required setting).")
        .define(BEARER_AUDIENCE, Type.LIST, "", null, Importance.HIGH,
            "BEARER: audiences of which the aud claim must name one (required setting).")
        .define(BEARER_ALGORITHMS, Type.LIST, DEFAULT_ALGORITHMS, null, Importance.LOW,
            "BEARER: accepted signature algorithms. HS256/384/512 only with a local key file; none never.")
        .define(BEARER_CLOCK_SKEW_MS, Type.LONG, 30_000L, Range.between(0, 600_000), Importance.LOW,
            "BEARER: tolerance when checking exp and nbf.")
        .define(BEARER_REQUIRED_SCOPES, Type.LIST, "", null, Importance.MEDIUM,
            "BEARER: scopes (scope or scp claim) a token must all have, else 403; empty requires none.")
        .define(BEARER_GROUPS_CLAIM, Type.STRING, "groups", null, Importance.MEDIUM,
            "BEARER: claim holding the caller's groups (a dotted name walks into objects, e.g. realm_access.roles).")
        .define(BEARER_ALLOWED_GROUPS, Type.LIST, "", null, Importance.HIGH,
            "BEARER: groups of which a token must carry one, else 403 (required setting; * accepts any token).")
        .define(BEARER_PRINCIPAL_CLAIM, Type.STRING, "sub", null, Importance.MEDIUM,
            "BEARER: claim naming the principal.")
        .define(SSL_PRINCIPAL_MAPPING_RULES, Type.STRING, "DEFAULT", null, Importance.LOW,
            "Rules mapping a client certificate's subject to a principal, as Kafka's setting of that name.");
    return definition;
  }

  private static ConfigDef.Validator upperCaseIn(Class<? extends Enum<?>> type) {
    String[] names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toArray(String[]::new);
    ValidString valid = ValidString.in(names);
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        if (value == null) {
          throw new ConfigException(name, null, "must be one of " + String.join(", ", names));
        }
        valid.ensureValid(name, value.toString().strip().toUpperCase(Locale.ROOT));
      }

      @Override
      public String toString() {
        return valid.toString();
      }
    };
  }
}
