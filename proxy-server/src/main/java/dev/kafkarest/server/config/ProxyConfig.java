package dev.kafkarest.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import dev.kafkarest.core.consumer.RegistrySettings;
import dev.kafkarest.server.validation.ProduceValidationConfigKeys;
import dev.kafkarest.server.validation.ProduceValidationSettings;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.jspecify.annotations.Nullable;

/**
 * The proxy's validated settings.
 *
 * <p>Names follow Confluent REST Proxy where a setting exists there. Keys starting with
 * {@code producer.}, {@code consumer.}, {@code admin.} or {@code client.} are passed, prefix removed, to
 * the Kafka clients ({@code client.} to all three), except the proxy's own {@code consumer.*} settings.
 * Any other unknown key stops start-up.
 */
public final class ProxyConfig {
  public static final String ID = "id";
  public static final String LISTENERS = "listeners";
  public static final String ADVERTISED_LISTENERS = "advertised.listeners";
  public static final String HOST_NAME = "host.name";
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String REQUEST_BODY_MAX_BYTES = "request.body.max.bytes";
  public static final String HTTP_THREADS = "http.threads";
  public static final String HTTP_MAX_INFLIGHT = "http.max.inflight.requests";
  public static final String RESPONSE_THREADS = "response.threads";
  public static final String METADATA_TIMEOUT_MS = "metadata.timeout.ms";
  public static final String METADATA_CACHE_MS = "metadata.cache.ms";
  public static final String SHUTDOWN_GRACEFUL_MS = "shutdown.graceful.ms";
  public static final String CONSUMER_REQUEST_TIMEOUT_MS = "consumer.request.timeout.ms";
  public static final String CONSUMER_REQUEST_MAX_BYTES = "consumer.request.max.bytes";
  public static final String CONSUMER_INSTANCE_TIMEOUT_MS = "consumer.instance.timeout.ms";
  public static final String CONSUMER_ITERATOR_BACKOFF_MS = "consumer.iterator.backoff.ms";
  public static final String CONSUMER_KEEPALIVE_INTERVAL_MS = "consumer.keepalive.interval.ms";
  public static final String CONSUMER_THREADS = "consumer.threads";
  public static final String CONSUMER_INSTANCES_MAX = "consumer.instances.max";
  public static final String CONSUMER_PENDING_OPERATIONS_MAX = "consumer.pending.operations.max";
  public static final String FETCH_MIN_BYTES = "fetch.min.bytes";
  public static final String CORS_ALLOW_ORIGIN = "access.control.allow.origin";
  public static final String CORS_ALLOW_METHODS = "access.control.allow.methods";
  public static final String CORS_ALLOW_HEADERS = "access.control.allow.headers";
  public static final String EMBEDDED_KAFKA_DIR = "embedded.kafka.dir";
  public static final String EMBEDDED_KAFKA_PORT = "embedded.kafka.port";
  public static final String EMBEDDED_KAFKA_CONTROLLER_PORT = "embedded.kafka.controller.port";

  static final List<String> CLIENT_PREFIXES = List.of("producer.", "consumer.", "admin.", "client.");
  /** Environment variables of Confluent's start scripts, which are not settings. */
  private static final Set<String> SCRIPT_VARIABLES = Set.of("KAFKA_REST_OPTS", "KAFKA_REST_HEAP_OPTS",
      "KAFKA_REST_JVM_PERFORMANCE_OPTS", "KAFKA_REST_LOG4J_OPTS", "KAFKA_REST_JMX_OPTS", "KAFKA_REST_LOG_DIR",
      "KAFKA_REST_CLASSPATH", "KAFKA_REST_DEBUG");
  private static final String ENV_PREFIX = "KAFKA_REST_";
  /** Variables Kubernetes injects for a Service named {@code kafka-rest}; they are not settings. */
  private static final Pattern KUBERNETES_SERVICE_LINK =
      Pattern.compile("KAFKA_REST_(SERVICE_HOST|SERVICE_PORT(_.*)?|PORT(_\\d+_(TCP|UDP|SCTP)(_.*)?)?)");
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  static final ConfigDef DEFINITION = ProduceValidationConfigKeys.define(new ConfigDef())
      .define(ID, Type.STRING, "", Importance.MEDIUM,
          "This node's id; part of generated consumer instance names.")
      .define(LISTENERS, Type.LIST, "http://0.0.0.0:8082", Importance.HIGH,
          "The URL the HTTP server listens on (one http listener).")
      .define(ADVERTISED_LISTENERS, Type.LIST, "", Importance.MEDIUM,
          "URLs clients use to reach this node; the first with the request's scheme builds consumer base_uri.")
      .define(HOST_NAME, Type.STRING, "", Importance.LOW,
          "Deprecated Confluent fallback for the host in consumer base_uri.")
      .define(BOOTSTRAP_SERVERS, Type.STRING, "", Importance.HIGH,
          "Kafka brokers; empty starts an embedded single-node broker.")
      .define(REQUEST_BODY_MAX_BYTES, Type.LONG, 16L * 1024 * 1024, Range.between(1024, Integer.MAX_VALUE),
          Importance.MEDIUM, "Largest request body accepted; larger ones get 413.")
      .define(HTTP_THREADS, Type.INT, Math.max(8, 4 * CORES), Range.between(1, 1024), Importance.LOW,
          "Grizzly worker threads (request parsing and Kafka sends).")
      .define(HTTP_MAX_INFLIGHT, Type.INT, 10_000, Range.between(1, 1_000_000), Importance.MEDIUM,
          "Most requests in flight at once; more get 429.")
      .define(RESPONSE_THREADS, Type.INT, Math.max(2, CORES), Range.between(1, 256), Importance.LOW,
          "Threads that finish responses after Kafka answers.")
      .define(METADATA_TIMEOUT_MS, Type.INT, 5_000, Range.between(100, 600_000), Importance.MEDIUM,
          "Bound on each Admin call (metadata endpoints, topic checks before produce).")
      .define(METADATA_CACHE_MS, Type.LONG, 30_000L, Range.between(0, 3_600_000), Importance.LOW,
          "How long the produce path trusts a topic's known partition count.")
      .define(SHUTDOWN_GRACEFUL_MS, Type.INT, 5_000, Range.between(0, 600_000), Importance.LOW,
          "How long shutdown waits for requests in flight.")
      .define(CONSUMER_REQUEST_TIMEOUT_MS, Type.INT, 1_000, Range.between(0, 600_000), Importance.MEDIUM,
          "Longest a records request waits for data (a smaller per-request timeout wins).")
      .define(CONSUMER_REQUEST_MAX_BYTES, Type.LONG, 64L * 1024 * 1024, Range.between(1, Integer.MAX_VALUE),
          Importance.LOW, "Cap on the bytes of one records response (a smaller max_bytes wins).")
      .define(CONSUMER_INSTANCE_TIMEOUT_MS, Type.INT, 300_000, Range.between(1_000, Integer.MAX_VALUE),
          Importance.MEDIUM, "Idle time after which a consumer instance is closed.")
      .define(CONSUMER_ITERATOR_BACKOFF_MS, Type.INT, 50, Range.between(1, 10_000), Importance.LOW,
          "Longest pause between two polls of a waiting records request (the pause grows from 1 ms).")
      .define(CONSUMER_KEEPALIVE_INTERVAL_MS, Type.INT, 1_000, Range.between(100, 60_000), Importance.LOW,
          "How often an idle instance that has joined its group (at its first read) polls, without fetching, "
              + "to stay in it.")
      .define(CONSUMER_THREADS, Type.INT, Math.max(16, 4 * CORES), Range.between(1, 1024), Importance.LOW,
          "Threads shared by all consumer instances; waiting reads hold none. Half as many (at least 2) threads "
              + "close the consumers of deleted and expired instances.")
      .define(CONSUMER_INSTANCES_MAX, Type.INT, 10_000, Range.between(1, 1_000_000), Importance.MEDIUM,
          "Most consumer instances this node holds; more get 429.")
      .define(CONSUMER_PENDING_OPERATIONS_MAX, Type.INT, 64, Range.between(1, 100_000), Importance.LOW,
          "Most operations queued on one consumer instance; more get 429.")
      .define(FETCH_MIN_BYTES, Type.INT, -1, Range.between(-1, 10_000_000), Importance.LOW,
          "Bytes a records request collects before answering; -1 answers as soon as there is a record.")
      .define(CORS_ALLOW_ORIGIN, Type.LIST, "", Importance.LOW,
          "Origins allowed to call the proxy from a browser (comma-separated, * for any); empty disables CORS.")
      .define(CORS_ALLOW_METHODS, Type.LIST, "GET,POST,DELETE,OPTIONS,HEAD", Importance.LOW,
          "Methods a CORS preflight allows.")
      .define(CORS_ALLOW_HEADERS, Type.LIST, "", Importance.LOW,
          "Request headers a CORS preflight allows; empty allows those the browser asks for.")
      .define(EMBEDDED_KAFKA_DIR, Type.STRING, "data/kafka", Importance.LOW,
          "Data folder of the embedded broker.")
      .define(EMBEDDED_KAFKA_PORT, Type.INT, 9092, Range.between(0, 65535), Importance.LOW,
          "Client port of the embedded broker on 127.0.0.1 (0 for any free port).")
      .define(EMBEDDED_KAFKA_CONTROLLER_PORT, Type.INT, 9093, Range.between(0, 65535), Importance.LOW,
          "Controller port of the embedded broker on 127.0.0.1 (0 for any free port).");

  private final Map<String, String> originals;
  private final AbstractConfig parsed;

  private ProxyConfig(Map<String, String> originals) {
    this.originals = Map.copyOf(originals);
    for (String key : originals.keySet()) {
      if (!DEFINITION.names().contains(key) && !hasClientPrefix(key) && !ProduceValidationConfigKeys.isSchemaKey(key)) {
        throw new InvalidConfigException("Unknown setting '" + key + "'. See docs/configuration.md.");
      }
    }
    try {
      this.parsed = new AbstractConfig(DEFINITION, originals, false);
      ProduceValidationSettings.from(originals);
    } catch (ConfigException e) {
      throw new InvalidConfigException("Invalid setting: " + e.getMessage(), e);
    }
    listener();
    advertisedListeners();
  }

  /** {@return settings from explicit key-value pairs, validated} */
  public static ProxyConfig of(Map<String, String> settings) {
    return new ProxyConfig(settings);
  }

  /**
   * Loads settings from a properties file (when given), then applies {@code KAFKA_REST_*} environment
   * variables: {@code KAFKA_REST_BOOTSTRAP_SERVERS} sets {@code bootstrap.servers}; as in Confluent's
   * images, {@code __} stands for {@code _} and {@code ___} for {@code -}.
   */
  public static ProxyConfig load(@Nullable Path file, Map<String, String> environment) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (file != null) {
      Properties props = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        props.load(in);
      } catch (IOException e) {
        throw new InvalidConfigException("Cannot read the configuration file " + file + ": " + e.getMessage(), e);
      }
      props.stringPropertyNames().forEach(name -> settings.put(name, props.getProperty(name).trim()));
    }
    Map<String, String> sources = new HashMap<>();
    environment.forEach((name, value) -> {
      if (name.startsWith(ENV_PREFIX) && !SCRIPT_VARIABLES.contains(name) && !KUBERNETES_SERVICE_LINK.matcher(name).matches()) {
        settings.put(settingName(name), value);
        sources.put(settingName(name), name);
      }
    });
    try {
      return new ProxyConfig(settings);
    } catch (InvalidConfigException e) {
      String variable = sources.entrySet().stream()
          .filter(source -> e.getMessage().contains("'" + source.getKey() + "'")
              || e.getMessage().contains(" " + source.getKey() + ":") || e.getMessage().contains(" " + source.getKey() + " "))
          .map(Map.Entry::getValue)
          .findFirst()
          .orElse(null);
      throw variable == null ? e : new InvalidConfigException(e.getMessage() + " (set by environment variable "
          + variable + ")", e);
    }
  }

  static String settingName(String environmentVariable) {
    return environmentVariable.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT)
        .replace("___", "-").replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
  }

  /** {@return a copy with {@code bootstrap.servers} set, as when an embedded broker was started} */
  public ProxyConfig withBootstrapServers(String bootstrapServers) {
    Map<String, String> settings = new HashMap<>(originals);
    settings.put(BOOTSTRAP_SERVERS, bootstrapServers);
    return new ProxyConfig(settings);
  }

  /** {@return a copy with one setting changed} */
  public ProxyConfig with(String key, String value) {
    Map<String, String> settings = new HashMap<>(originals);
    settings.put(key, value);
    return new ProxyConfig(settings);
  }

  /** {@return every setting as given, for settings classes that read their own keys} */
  public Map<String, String> originals() {
    return originals;
  }

  public String id() {
    return parsed.getString(ID);
  }

  /** {@return the URL the HTTP server binds} */
  public URI listener() {
    List<String> listeners = parsed.getList(LISTENERS);
    if (listeners.size() != 1) {
      throw new InvalidConfigException("Invalid setting: listeners must name exactly one URL, was " + listeners);
    }
    return uri(LISTENERS, listeners.get(0), true);
  }

  public List<URI> advertisedListeners() {
    return parsed.getList(ADVERTISED_LISTENERS).stream().map(value -> uri(ADVERTISED_LISTENERS, value, false)).toList();
  }

  public String hostName() {
    return parsed.getString(HOST_NAME);
  }

  public String bootstrapServers() {
    return parsed.getString(BOOTSTRAP_SERVERS).trim();
  }

  public long requestBodyMaxBytes() {
    return parsed.getLong(REQUEST_BODY_MAX_BYTES);
  }

  public int httpThreads() {
    return parsed.getInt(HTTP_THREADS);
  }

  public int maxInflightRequests() {
    return parsed.getInt(HTTP_MAX_INFLIGHT);
  }

  public int responseThreads() {
    return parsed.getInt(RESPONSE_THREADS);
  }

  public Duration metadataTimeout() {
    return Duration.ofMillis(parsed.getInt(METADATA_TIMEOUT_MS));
  }

  public Duration metadataCacheTtl() {
    return Duration.ofMillis(parsed.getLong(METADATA_CACHE_MS));
  }

  public Duration shutdownGrace() {
    return Duration.ofMillis(parsed.getInt(SHUTDOWN_GRACEFUL_MS));
  }

  public Path embeddedKafkaDir() {
    return Path.of(parsed.getString(EMBEDDED_KAFKA_DIR));
  }

  public int embeddedKafkaPort() {
    return parsed.getInt(EMBEDDED_KAFKA_PORT);
  }

  public int embeddedKafkaControllerPort() {
    return parsed.getInt(EMBEDDED_KAFKA_CONTROLLER_PORT);
  }

  /** {@return the pass-through settings for the producer: {@code client.*} then {@code producer.*}} */
  public Map<String, Object> producerSettings() {
    return clientSettings("producer.");
  }

  /** {@return the pass-through settings for consumers: {@code client.*} then {@code consumer.*}} */
  public Map<String, Object> consumerSettings() {
    return clientSettings("consumer.");
  }

  /** {@return the pass-through settings for the Admin client: {@code client.*} then {@code admin.*}} */
  public Map<String, Object> adminSettings() {
    return clientSettings("admin.");
  }

  private Map<String, Object> clientSettings(String prefix) {
    Map<String, Object> settings = new HashMap<>();
    originals.forEach((key, value) -> {
      if (key.startsWith("client.")) {
        settings.put(key.substring("client.".length()), value);
      }
    });
    originals.forEach((key, value) -> {
      if (key.startsWith(prefix) && !isProxyConsumerSetting(key)) {
        settings.put(key.substring(prefix.length()), value);
      }
    });
    return settings;
  }

  /** The proxy's own settings that share the {@code consumer.} prefix (consumer instances). */
  static boolean isProxyConsumerSetting(String key) {
    return DEFINITION.names().contains(key);
  }

  private static boolean hasClientPrefix(String key) {
    return CLIENT_PREFIXES.stream().anyMatch(prefix -> key.startsWith(prefix) && key.length() > prefix.length());
  }

  /** {@return the consumer-instance settings, with the Kafka consumer's base settings} */
  public RegistrySettings consumerInstances() {
    Map<String, Object> kafka = new HashMap<>(consumerSettings());
    kafka.put(BOOTSTRAP_SERVERS, bootstrapServers());
    return new RegistrySettings(kafka,
        Duration.ofMillis(parsed.getInt(CONSUMER_INSTANCE_TIMEOUT_MS)),
        Duration.ofMillis(parsed.getInt(CONSUMER_REQUEST_TIMEOUT_MS)),
        parsed.getLong(CONSUMER_REQUEST_MAX_BYTES),
        parsed.getInt(FETCH_MIN_BYTES),
        Duration.ofMillis(parsed.getInt(CONSUMER_ITERATOR_BACKOFF_MS)),
        Duration.ofMillis(parsed.getInt(CONSUMER_KEEPALIVE_INTERVAL_MS)),
        parsed.getInt(CONSUMER_INSTANCES_MAX),
        parsed.getInt(CONSUMER_PENDING_OPERATIONS_MAX));
  }

  public List<String> corsAllowedOrigins() {
    return parsed.getList(CORS_ALLOW_ORIGIN);
  }

  public List<String> corsAllowedMethods() {
    return parsed.getList(CORS_ALLOW_METHODS);
  }

  public List<String> corsAllowedHeaders() {
    return parsed.getList(CORS_ALLOW_HEADERS);
  }

  public int consumerThreads() {
    return parsed.getInt(CONSUMER_THREADS);
  }

  private static URI uri(String key, String value, boolean httpOnly) {
    try {
      URI uri = URI.create(value.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("missing scheme or host");
      }
      if (httpOnly ? !uri.getScheme().equals("http") : !uri.getScheme().matches("https?")) {
        throw new IllegalArgumentException("unsupported scheme " + uri.getScheme());
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("Invalid setting: " + key + " has an invalid URL '" + value + "': "
          + e.getMessage(), e);
    }
  }
}
