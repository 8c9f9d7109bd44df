package dev.kafkarest.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import dev.kafkarest.core.access.AccessSettings;
import dev.kafkarest.core.quota.QuotaSettings;
import dev.kafkarest.server.http.HttpLimits;
import dev.kafkarest.server.http.HttpLimitsKeys;
import dev.kafkarest.server.quota.QuotaKeys;
import dev.kafkarest.server.security.AuthenticationSettings;
import dev.kafkarest.server.security.AuthorizationConfigKeys;
import dev.kafkarest.server.tls.TlsConfigKeys;
import dev.kafkarest.server.tls.TlsSettings;
import dev.kafkarest.server.validation.ProduceValidationSettings;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;
import org.jspecify.annotations.Nullable;

/**
 * The proxy's validated configuration, read through one typed view per concern ({@link #http()},
 * {@link #consumerInstances()}, {@link #clients()}, ...).
 *
 * <p>Keys follow Confluent REST Proxy where one exists there; they are defined per concern in the
 * {@code *Keys} classes. Keys starting with {@code producer.}, {@code consumer.}, {@code admin.} or
 * {@code client.} that are not the proxy's own are Kafka client properties ({@link ClientSettings}). Any
 * other unknown key, and any invalid value, stops start-up with a message that names the key.
 */
public final class ProxyConfig {
  private static final String CONFIG_PROVIDERS = "config.providers";

  private final Map<String, String> originals;
  private final AbstractConfig parsed;
  private final HttpSettings http;
  private final HttpLimits httpLimits;
  private final CorsSettings cors;
  private final ConsumerInstanceSettings consumerInstances;
  private final ClientSettings clients;
  private final EmbeddedKafkaSettings embeddedKafka;
  private final TlsSettings tls;
  private final AuthenticationSettings authentication;
  private final AccessSettings authorization;
  private final QuotaSettings quota;
  private final Map<String, String> resolved;
  private final OperationsSettings operations;

  private ProxyConfig(Map<String, String> originals) {
    this.originals = Map.copyOf(originals);
    requireKnownKeys(originals);
    this.parsed = parse(originals);
    // Values with ${provider:path:key} variables, as Kafka's config providers resolved them.
    Map<String, String> resolved = parsed.originalsStrings();
    this.resolved = Map.copyOf(resolved);
    this.http = HttpSettings.from(parsed);
    this.httpLimits = HttpLimitsKeys.settings(parsed);
    this.cors = CorsSettings.from(parsed);
    this.consumerInstances = ConsumerInstanceSettings.from(parsed);
    this.clients = ClientSettings.from(resolved);
    this.embeddedKafka = EmbeddedKafkaSettings.from(parsed);
    this.tls = TlsConfigKeys.settings(parsed);
    this.authentication = AuthenticationSettings.from(parsed);
    this.authorization = AuthorizationConfigKeys.settings(parsed);
    this.quota = QuotaKeys.settings(resolved);
    this.operations = OperationsSettings.from(parsed);
  }

  /** {@return the configuration of explicit key-value pairs, validated} */
  public static ProxyConfig of(Map<String, String> keys) {
    return new ProxyConfig(keys);
  }

  /**
   * Loads a properties file (when given), then applies {@code KAFKA_REST_*} environment variables
   * ({@link EnvironmentSource}); an error caused by a variable names it.
   */
  public static ProxyConfig load(@Nullable Path file, Map<String, String> environment) {
    Map<String, String> keys = new LinkedHashMap<>(file == null ? Map.of() : readFile(file));
    EnvironmentSource variables = EnvironmentSource.of(environment);
    keys.putAll(variables.values());
    try {
      return new ProxyConfig(keys);
    } catch (InvalidConfigException e) {
      throw variables.attribute(e);
    }
  }

  /** {@return a copy with one key changed, as {@code bootstrap.servers} once an embedded broker runs} */
  public ProxyConfig with(String key, String value) {
    Map<String, String> keys = new HashMap<>(originals);
    keys.put(key, value);
    return new ProxyConfig(keys);
  }

  /**
   * {@return every setting, with config-provider variables resolved, for settings classes that read their
   *     own keys}
   */
  public Map<String, String> originals() {
    return resolved;
  }

  public String id() {
    return parsed.getString(NodeKeys.ID);
  }

  /** {@return the Kafka brokers, or empty for an embedded broker} */
  public String bootstrapServers() {
    return parsed.getString(NodeKeys.BOOTSTRAP_SERVERS).trim();
  }

  /** {@return how long shutdown waits for requests in flight} */
  public Duration shutdownGrace() {
    return Duration.ofMillis(parsed.getInt(NodeKeys.SHUTDOWN_GRACEFUL_MS));
  }

  /** {@return the bound on each Admin call} */
  public Duration metadataTimeout() {
    return Duration.ofMillis(parsed.getInt(MetadataKeys.TIMEOUT_MS));
  }

  /** {@return how long the produce path trusts a topic's partition count} */
  public Duration metadataCacheTtl() {
    return Duration.ofMillis(parsed.getLong(MetadataKeys.CACHE_MS));
  }

  public HttpSettings http() {
    return http;
  }

  /** {@return what one HTTP client may hold: body-read time, header size, connections, idle time} */
  public HttpLimits httpLimits() {
    return httpLimits;
  }

  public CorsSettings cors() {
    return cors;
  }

  public ConsumerInstanceSettings consumerInstances() {
    return consumerInstances;
  }

  public ClientSettings clients() {
    return clients;
  }

  public EmbeddedKafkaSettings embeddedKafka() {
    return embeddedKafka;
  }

  public TlsSettings tls() {
    return tls;
  }

  public AuthenticationSettings authentication() {
    return authentication;
  }

  /** {@return the health probes, the metrics scrape and the access log} */
  public OperationsSettings operations() {
    return operations;
  }

  public AccessSettings authorization() {
    return authorization;
  }

  public QuotaSettings quota() {
    return quota;
  }

  /**
   * Kafka's config providers ({@code config.providers=file} and {@code config.providers.file.class=...}):
   * a value such as {@code ${file:/etc/kafka-rest/secrets.properties:keystore.password}} is read from there,
   * so that passwords need not stand in the configuration file.
   */
  private static boolean isConfigProviderKey(String key) {
    return key.equals(CONFIG_PROVIDERS) || key.startsWith(CONFIG_PROVIDERS + ".");
  }

  private static void requireKnownKeys(Map<String, String> keys) {
    for (String key : keys.keySet()) {
      if (!ProxyConfigDef.isProxyKey(key) && !ClientSettings.hasClientPrefix(key) && !isConfigProviderKey(key)) {
        throw new InvalidConfigException("Unknown setting '" + key + "'. See docs/configuration.md.");
      }
    }
  }

  private static AbstractConfig parse(Map<String, String> keys) {
    try {
      Map<String, String> providers = new HashMap<>();
      keys.forEach((key, value) -> {
        if (isConfigProviderKey(key)) {
          providers.put(key, value);
        }
      });
      AbstractConfig parsed = new AbstractConfig(ProxyConfigDef.DEFINITION, keys, providers, false);
      ProduceValidationSettings.from(parsed.originalsStrings());
      QuotaKeys.settings(parsed.originalsStrings());
      return parsed;
    } catch (ConfigException e) {
      throw new InvalidConfigException("Invalid setting: " + e.getMessage(), e);
    }
  }

  private static Map<String, String> readFile(Path file) {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new InvalidConfigException("Cannot read the configuration file " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> keys = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(name -> keys.put(name, properties.getProperty(name).trim()));
    return keys;
  }
}
