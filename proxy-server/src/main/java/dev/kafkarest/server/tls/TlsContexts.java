package dev.kafkarest.server.tls;

import dev.kafkarest.server.config.InvalidConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.jspecify.annotations.Nullable;

/**
 * Builds the server-side TLS engine configuration of the https listeners from {@link TlsSettings}. Every
 * problem (missing or unreadable file, wrong password, wrong type, no key) stops start-up with an
 * {@link InvalidConfigException} that names the setting and the file, never a password.
 */
public final class TlsContexts {
  /** Protects keys read from PEM files in memory only. */
  private static final char[] PEM_STORE_PASSWORD = "in-memory".toCharArray();

  private TlsContexts() {}

  /** {@return the engine configuration for https listeners} */
  public static SSLEngineConfigurator serverEngine(TlsSettings settings) {
    TlsSettings.Store keystore = settings.keystore();
    if (keystore == null) {
      throw new InvalidConfigException("Invalid setting: an https listener needs " + TlsConfigKeys.KEYSTORE_LOCATION);
    }
    TlsSettings.Store truststore = settings.truststore();
    if (settings.clientAuthentication() != ClientAuthentication.NONE && truststore == null) {
      throw new InvalidConfigException("Invalid setting: " + TlsConfigKeys.CLIENT_AUTHENTICATION + "="
          + settings.clientAuthentication() + " needs " + TlsConfigKeys.TRUSTSTORE_LOCATION
          + " (the authorities client certificates must chain to)");
    }
    SSLContext context = context(settings.protocol(), keyManagers(keystore, settings.keyPassword()),
        truststore == null ? null : trustManagers(truststore));
    SSLEngineConfigurator engine = new SSLEngineConfigurator(context, false,
        settings.clientAuthentication() == ClientAuthentication.REQUIRED,
        settings.clientAuthentication() == ClientAuthentication.REQUESTED);
    engine.setEnabledProtocols(settings.enabledProtocols().toArray(String[]::new));
    if (!settings.cipherSuites().isEmpty()) {
      engine.setEnabledCipherSuites(settings.cipherSuites().toArray(String[]::new));
    }
    checkSupported(context, settings);
    return engine;
  }

  private static KeyManager[] keyManagers(TlsSettings.Store store, @Nullable String keyPassword) {
    boolean pem = store.type().equalsIgnoreCase("PEM");
    KeyStore keys = load(store, keyPassword);
    try {
      if (Collections.list(keys.aliases()).stream().noneMatch(alias -> isKey(keys, alias))) {
        throw invalid(store, "holds no private key");
      }
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(keys, pem ? PEM_STORE_PASSWORD : chars(keyPassword != null ? keyPassword : store.password()));
      return factory.getKeyManagers();
    } catch (UnrecoverableKeyException e) {
      throw new InvalidConfigException("Invalid setting: " + TlsConfigKeys.KEY_PASSWORD
          + " (or, when unset, " + TlsConfigKeys.KEYSTORE_PASSWORD + ") does not unlock the private key in "
          + store.location());
    } catch (GeneralSecurityException e) {
      throw invalid(store, "cannot be used: " + e.getMessage());
    }
  }

  private static TrustManager[] trustManagers(TlsSettings.Store store) {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(load(store, null));
      return factory.getTrustManagers();
    } catch (GeneralSecurityException e) {
      throw invalid(store, "cannot be used: " + e.getMessage());
    }
  }

  private static KeyStore load(TlsSettings.Store store, @Nullable String keyPassword) {
    Path file = Path.of(store.location());
    try {
      if (store.type().equalsIgnoreCase("PEM")) {
        return store.locationKey().equals(TlsConfigKeys.TRUSTSTORE_LOCATION)
            ? PemFiles.trustStore(file)
            : PemFiles.keyStore(file, PEM_STORE_PASSWORD, keyPassword != null ? keyPassword : store.password());
      }
      KeyStore keys = KeyStore.getInstance(store.type().toUpperCase(Locale.ROOT));
      try (InputStream in = Files.newInputStream(file)) {
        keys.load(in, chars(store.password()));
      }
      return keys;
    } catch (NoSuchFileException e) {
      throw invalid(store, "does not exist");
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
        throw new InvalidConfigException("Invalid setting: " + passwordKey(store) + " is wrong for "
            + store.location());
      }
      throw invalid(store, "cannot be read as " + store.type() + ": " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw invalid(store, "cannot be read as " + store.type() + ": " + e.getMessage());
    }
  }

  private static char[] chars(@Nullable String password) {
    return password == null ? new char[0] : password.toCharArray();
  }

  private static boolean isKey(KeyStore keys, String alias) {
    try {
      return keys.isKeyEntry(alias);
    } catch (KeyStoreException e) {
      return false;
    }
  }

  private static SSLContext context(String protocol, KeyManager[] keys, TrustManager @Nullable [] trust) {
    try {
      SSLContext context = SSLContext.getInstance(protocol);
      context.init(keys, trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new InvalidConfigException("Invalid setting: " + TlsConfigKeys.PROTOCOL + " '" + protocol + "': "
          + e.getMessage());
    }
  }

  private static void checkSupported(SSLContext context, TlsSettings settings) {
    Set<String> supported = Set.of(context.getSupportedSSLParameters().getProtocols());
    for (String version : settings.enabledProtocols()) {
      if (!supported.contains(version)) {
        throw new InvalidConfigException("Invalid setting: " + TlsConfigKeys.ENABLED_PROTOCOLS + " names "
            + version + ", which this JVM does not support (supported: " + supported + ")");
      }
    }
    Set<String> suites = Set.of(context.getSupportedSSLParameters().getCipherSuites());
    for (String suite : settings.cipherSuites()) {
      if (!suites.contains(suite)) {
        throw new InvalidConfigException("Invalid setting: " + TlsConfigKeys.CIPHER_SUITES + " names " + suite
            + ", which this JVM does not support");
      }
    }
  }

  private static String passwordKey(TlsSettings.Store store) {
    return store.locationKey().equals(TlsConfigKeys.TRUSTSTORE_LOCATION)
        ? TlsConfigKeys.TRUSTSTORE_PASSWORD : TlsConfigKeys.KEYSTORE_PASSWORD;
  }

  private static InvalidConfigException invalid(TlsSettings.Store store, String problem) {
    return new InvalidConfigException("Invalid setting: " + store.locationKey() + " " + store.location() + " "
        + problem);
  }
}
