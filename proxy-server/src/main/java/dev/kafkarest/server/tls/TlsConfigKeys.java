package dev.kafkarest.server.tls;

import dev.kafkarest.server.config.KeyGroup;
import java.util.List;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;
import org.jspecify.annotations.Nullable;

/** The {@code ssl.*} settings of the https listeners, with Confluent REST Proxy's names and meanings. */
public final class TlsConfigKeys {
  public static final String KEYSTORE_LOCATION = "ssl.keystore.location";
  public static final String KEYSTORE_PASSWORD = "ssl.keystore.password";
  public static final String KEYSTORE_TYPE = "ssl.keystore.type";
  public static final String KEY_PASSWORD = "ssl.key.password";
  public static final String TRUSTSTORE_LOCATION = "ssl.truststore.location";
  public static final String TRUSTSTORE_PASSWORD = "ssl.truststore.password";
  public static final String TRUSTSTORE_TYPE = "ssl.truststore.type";
  public static final String CLIENT_AUTHENTICATION = "ssl.client.authentication";
  public static final String CLIENT_AUTH = "ssl.client.auth";
  public static final String ENABLED_PROTOCOLS = "ssl.enabled.protocols";
  public static final String CIPHER_SUITES = "ssl.cipher.suites";
  public static final String PROTOCOL = "ssl.protocol";
  /** Confluent lists it; a server does not verify its clients' host names, so it is accepted and unused. */
  public static final String ENDPOINT_IDENTIFICATION = "ssl.endpoint.identification.algorithm";

  private static final String GROUP = "TLS";

  private TlsConfigKeys() {}

  /** Adds the TLS keys to {@code definition} and returns it. */
  public static ConfigDef define(ConfigDef definition) {
    new KeyGroup(definition, GROUP)
        .define(KEYSTORE_LOCATION, Type.STRING, "", null, Importance.HIGH,
            "Keystore with the https listeners' key and certificate chain.")
        .define(KEYSTORE_PASSWORD, Type.PASSWORD, null, null, Importance.HIGH,
            "Password of the keystore (PKCS12, JKS).")
        .define(KEYSTORE_TYPE, Type.STRING, "PKCS12", ConfigDef.CaseInsensitiveValidString.in("PKCS12", "JKS", "PEM"),
            Importance.MEDIUM, "Keystore format: PKCS12, JKS or PEM.")
        .define(KEY_PASSWORD, Type.PASSWORD, null, null, Importance.MEDIUM,
            "Password of the private key, when it differs from the keystore's; for PEM, of an encrypted key.")
        .define(TRUSTSTORE_LOCATION, Type.STRING, "", null, Importance.HIGH,
            "Truststore with the authorities client certificates must chain to.")
        .define(TRUSTSTORE_PASSWORD, Type.PASSWORD, null, null, Importance.HIGH, "Password of the truststore.")
        .define(TRUSTSTORE_TYPE, Type.STRING, "PKCS12",
            ConfigDef.CaseInsensitiveValidString.in("PKCS12", "JKS", "PEM"), Importance.MEDIUM,
            "Truststore format: PKCS12, JKS or PEM.")
        .define(CLIENT_AUTHENTICATION, Type.STRING, "",
            ConfigDef.CaseInsensitiveValidString.in("", "NONE", "REQUESTED", "REQUIRED"), Importance.MEDIUM,
            "Whether https clients must present a certificate: NONE, REQUESTED or REQUIRED.")
        .define(CLIENT_AUTH, Type.BOOLEAN, false, null, Importance.LOW,
            "Older form of ssl.client.authentication: true means REQUIRED. Used only when that is unset.")
        .define(ENABLED_PROTOCOLS, Type.LIST, String.join(",", TlsSettings.DEFAULT_PROTOCOLS), null, Importance.MEDIUM,
            "TLS versions the https listeners accept.")
        .define(CIPHER_SUITES, Type.LIST, "", null, Importance.LOW,
            "Cipher suites the https listeners accept; empty keeps the JVM's defaults.")
        .define(PROTOCOL, Type.STRING, "TLS", null, Importance.LOW,
            "The SSLContext protocol; the versions actually offered are ssl.enabled.protocols.")
        .define(ENDPOINT_IDENTIFICATION, Type.STRING, "", null, Importance.LOW,
            "Accepted for Confluent compatibility; a server does not check its clients' host names.");
    return definition;
  }

  /** {@return the TLS settings from parsed values} */
  public static TlsSettings settings(AbstractConfig parsed) {
    return new TlsSettings(
        store(KEYSTORE_LOCATION, parsed.getString(KEYSTORE_LOCATION), parsed.getString(KEYSTORE_TYPE),
            parsed.getPassword(KEYSTORE_PASSWORD)),
        reveal(parsed.getPassword(KEY_PASSWORD)),
        store(TRUSTSTORE_LOCATION, parsed.getString(TRUSTSTORE_LOCATION), parsed.getString(TRUSTSTORE_TYPE),
            parsed.getPassword(TRUSTSTORE_PASSWORD)),
        clientAuthentication(parsed),
        parsed.getList(ENABLED_PROTOCOLS),
        parsed.getList(CIPHER_SUITES),
        parsed.getString(PROTOCOL));
  }

  /** {@return whether clients are asked for certificates: {@code ssl.client.authentication}, else {@code ssl.client.auth}} */
  public static ClientAuthentication clientAuthentication(AbstractConfig parsed) {
    return ClientAuthentication.parse(parsed.getString(CLIENT_AUTHENTICATION), parsed.getBoolean(CLIENT_AUTH));
  }

  private static TlsSettings.@Nullable Store store(String key, String location, String type,
      @Nullable Password password) {
    return location.isBlank() ? null : new TlsSettings.Store(key, location.trim(), type, reveal(password));
  }

  private static @Nullable String reveal(@Nullable Password password) {
    return password == null ? null : password.value();
  }

  /** {@return every key this class defines} */
  public static List<String> names() {
    return List.copyOf(define(new ConfigDef()).names());
  }
}
