package dev.kafkarest.server.tls;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The TLS settings of the https listeners, as Confluent names them ({@code ssl.*}).
 *
 * @param keystore the server's key and certificate chain; required for an https listener
 * @param keyPassword the private key's password, when it differs from the keystore's
 * @param truststore the authorities that client certificates must chain to; required unless clients are
 *     never asked for a certificate
 */
public record TlsSettings(@Nullable Store keystore, @Nullable String keyPassword, @Nullable Store truststore,
    ClientAuthentication clientAuthentication, List<String> enabledProtocols, List<String> cipherSuites,
    String protocol) {

  /** TLS 1.2 and 1.3 only, unless {@code ssl.enabled.protocols} says otherwise. */
  public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  public TlsSettings {
    Objects.requireNonNull(clientAuthentication, "clientAuthentication");
    enabledProtocols = List.copyOf(enabledProtocols);
    cipherSuites = List.copyOf(cipherSuites);
  }

  /**
   * A keystore or truststore file.
   *
   * @param locationKey the setting that named the file, for error messages
   * @param type {@code PKCS12}, {@code JKS} or {@code PEM}
   * @param password the store's password; for PEM, the private key's password when it is encrypted
   */
  public record Store(String locationKey, String location, String type, @Nullable String password) {
    /** {@return the store without its password}: a record would print it */
    @Override
    public String toString() {
      return "Store[" + locationKey + "=" + location + ", " + type + (password == null ? "" : ", password [hidden]") + "]";
    }
  }

  /** {@return the settings without passwords}: a record would print them */
  @Override
  public String toString() {
    return "TlsSettings[keystore=" + keystore + (keyPassword == null ? "" : ", keyPassword [hidden]") + ", truststore="
        + truststore + ", clientAuthentication=" + clientAuthentication + ", enabledProtocols=" + enabledProtocols
        + ", cipherSuites=" + cipherSuites + ", protocol=" + protocol + "]";
  }
}
