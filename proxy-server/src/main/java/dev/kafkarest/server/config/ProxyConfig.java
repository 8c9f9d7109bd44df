package dev.kafkarest.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import dev.kafkarest.core.access.AccessSettings;
import dev.kafkarest.core.quota.QuotaSettings;
import dev.kafkarest.server.http.HttpLimits;
import dev.kafkarest.server.http.HttpLimitsKeys;
import dev.kafkarest.server.logging.LoggingKeys;
import dev.kafkarest.server.logging.LoggingSettings;
import dev.kafkarest.server.nodes.NodesKeys;
import dev.kafkarest.server.nodes.NodesSettings;
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
 * {@code client.} that are not the proxy's own are Kafka client properties ({@link ClientSettings}). Confluent's
 * settings that this proxy does not use are ignored and listed by {@link #ignoredSettings()} ({@link KnownKeys});
 * any other unknown key, and any invalid value, stops start-up with a message that names the key.
 */
public final class ProxyConfig {
  private static final String CONFIG_PROVIDERS = "config.providers";

  private final Map<String, String> originals;
  private final Map<String, String> variables;
  private final Map<String, String> ignored;
  private final AbstractConfig parsed;
  private final HttpSettings http;
  private final HttpLimits httpLimits;
  private final CorsSettings cors;
  private final ConsumerInstanceSettings consumerInstances;
  private final PartitionReadLimits partitionReads;
  private final ClientSettings clients;
  private final EmbeddedKafkaSettings embeddedKafka;
  private final TlsSettings tls;
  private final AuthenticationSettings authentication;
  private final AccessSettings authorization;
  private final QuotaSettings quota;
  private final Map<String, String> resolved;
  private final OperationsSettings operations;
  private final EndpointSettings endpoints;
  private final CompressionSettings compression;
  private final JmxSettings jmx;
  private final ManagementSettings management;
  private final LoggingSettings logging;
  private final StreamSettings streams;
  private final ResponseWriteSettings responseWrites;
  private final NodesSettings nodes;

  private ProxyConfig(Map<String, String> originals, Map<String, String> variables) {
    this.originals = Map.copyOf(originals);
    this.variables = Map.copyOf(variables);
    this.ignored = KnownKeys.check(originals);
    this.parsed = parse(originals);
    // Values with ${provider:path:key} variables, as Kafka's config providers resolved them.
    Map<String, String> resolved = parsed.originalsStrings();
    this.resolved = Map.copyOf(resolved);
    this.http = HttpSettings.from(parsed);
    this.httpLimits = HttpLimitsKeys.settings(parsed);
    this.cors = CorsSettings.from(parsed);
    this.consumerInstances = ConsumerInstanceSettings.from(parsed);
    this.partitionReads = PartitionReadLimits.from(parsed);
    this.clients = ClientSettings.from(resolved);
    this.embeddedKafka = EmbeddedKafkaSettings.from(parsed);
    this.tls = TlsConfigKeys.settings(parsed);
    this.authentication = AuthenticationSettings.from(parsed);
    this.authorization = AuthorizationConfigKeys.settings(parsed);
    this.quota = QuotaKeys.settings(resolved);
    this.operations = OperationsSettings.from(parsed);
    this.endpoints = EndpointSettings.from(parsed);
    this.compression = CompressionSettings.from(parsed);
    this.jmx = JmxSettings.from(parsed);
    this.management = ManagementSettings.from(parsed, http);
    this.logging = LoggingKeys.settings(parsed);
    this.streams = StreamSettings.from(parsed);
    this.responseWrites = ResponseWriteSettings.from(parsed);
    this.nodes = NodesKeys.settings(parsed);
  }

  /** {@return the configuration of explicit key-value pairs, validated} */
  public static ProxyConfig of(Map<String, String> keys) {
    return new ProxyConfig(keys, Map.of());
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
      return new ProxyConfig(keys, variables.variables());
    } catch (InvalidConfigException e) {
      throw variables.attribute(e);
    }
  }

  /** {@return a copy with one key changed, as {@code bootstrap.servers} once an embedded broker runs} */
  public ProxyConfig with(String key, String value) {
    Map<String, String> keys = new HashMap<>(originals);
    keys.put(key, value);
    return new ProxyConfig(keys, variables);
  }

  /**
   * {@return one line per Confluent setting given that this proxy ignores, naming the key (and the environment
   *     variable that set it) and the reason; for the start-up log}
   */
  public List<String> ignoredSettings() {
    List<String> lines = new ArrayList<>();
    ignored.forEach((key, reason) -> {
      String variable = variables.get(key);
      lines.add("Ignoring the Confluent setting '" + key + "'"
          + (variable == null ? "" : " (set by environment variable " + variable + ")") + ": " + reason + ".");
    });
    return lines;
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

  /** {@return whether the v3 API is served ({@code api.v3.enable})} */
  public boolean apiV3Enabled() {
    return parsed.getBoolean(ApiVersionKeys.V3_ENABLE);
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

  /** {@return whether the HDInsight {@code /v1} API is served} */
  public boolean hdInsightEnabled() {
    return parsed.getBoolean(dev.kafkarest.server.hdinsight.HdInsightKeys.ENABLE);
  }

  /** {@return the settings of reads by offset} */
  public PartitionReadLimits partitionReads() {
    return partitionReads;
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

  /** {@return which APIs and endpoints are served} */
  public EndpointSettings endpoints() {
    return endpoints;
  }

  /** {@return whether and from which size responses are gzipped} */
  public CompressionSettings compression() {
    return compression;
  }

  /** {@return whether and under which domain the meters are registered in JMX} */
  public JmxSettings jmx() {
    return jmx;
  }

  /** {@return where the probes and the scrape are served when not on the main listeners} */
  public ManagementSettings management() {
    return management;
  }

  /** {@return the log levels and line format, applied by {@code Main} at start} */
  public LoggingSettings logging() {
    return logging;
  }

  public AccessSettings authorization() {
    return authorization;
  }

  /** {@return the settings of streamed reads (server-sent events, NDJSON)} */
  public StreamSettings streams() {
    return streams;
  }

  /** {@return the settings of large response bodies written as the client reads them} */
  public ResponseWriteSettings responseWrites() {
    return responseWrites;
  }

  /** {@return whether the browser console is served at {@code /console}} */
  public boolean consoleEnabled() {
    return parsed.getBoolean(ConsoleKeys.ENABLED);
  }

  public QuotaSettings quota() {
    return quota;
  }

  public NodesSettings nodes() {
    return nodes;
  }

  /**
   * Kafka's config providers ({@code config.providers=file} and {@code config.providers.file.class=...}):
   * a value such as {@code ${file:/etc/kafka-rest/secrets.properties:keystore.password}} is read from there,
   * so that passwords need not stand in the configuration file.
   */
  static boolean isConfigProviderKey(String key) {
    return key.equals(CONFIG_PROVIDERS) || key.startsWith(CONFIG_PROVIDERS + ".");
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
