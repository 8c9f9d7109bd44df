package dev.kafkarest.server.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;

/**
 * What operators and their tools see ({@link OperationsKeys}).
 *
 * @param health the liveness and readiness probes
 * @param metrics the Prometheus scrape
 * @param accessLog the per-request log lines
 */
public record OperationsSettings(Health health, Metrics metrics, AccessLog accessLog) {
  /** One or more literal segments of unreserved characters: no parameters, dot segments or empty ones. */
  private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+");
  /** First segments of the API's own paths, which a probe or scrape path must leave alone. */
  private static final Set<String> API_ROOTS = Set.of("topics", "brokers", "consumers", "openapi.yaml", "openapi.json");

  /**
   * @param livenessPath where {@code GET} answers 200 while the process serves requests
   * @param readinessPath where {@code GET} answers 200 while Kafka and the producer are usable, else 503
   * @param readinessTimeout bound on the readiness check's metadata request
   * @param readinessCacheTtl how long a readiness result is reused
   */
  public record Health(String livenessPath, String readinessPath, Duration readinessTimeout,
      Duration readinessCacheTtl) {}

  /**
   * @param enabled whether meters are kept and served
   * @param path where {@code GET} serves the scrape
   * @param topicLabel whether the produce and consume record and byte counters carry a {@code topic} label
   * @param maxLabelValues the most distinct values a label takes; later values are reported as {@code other}
   */
  public record Metrics(boolean enabled, String path, boolean topicLabel, int maxLabelValues) {
    /** The default of {@code metrics.labels.max.values}. */
    public static final int DEFAULT_MAX_LABEL_VALUES = 100;

    /** Metrics without a topic label. */
    public Metrics(boolean enabled, String path) {
      this(enabled, path, false, DEFAULT_MAX_LABEL_VALUES);
    }
  }

  /**
   * @param enabled whether each request is logged
   * @param loggerName the SLF4J logger of the lines
   */
  public record AccessLog(boolean enabled, String loggerName) {}

  static OperationsSettings from(AbstractConfig config) {
    String liveness = path(config, OperationsKeys.LIVENESS_PATH);
    String readiness = path(config, OperationsKeys.READINESS_PATH);
    boolean metricsEnabled = config.getBoolean(OperationsKeys.METRICS_ENABLED);
    String metrics = path(config, OperationsKeys.METRICS_PATH);
    Set<String> distinct = new HashSet<>();
    for (String path : metricsEnabled ? List.of(liveness, readiness, metrics) : List.of(liveness, readiness)) {
      if (!distinct.add(path)) {
        throw new InvalidConfigException("Invalid setting: " + OperationsKeys.LIVENESS_PATH + ", "
            + OperationsKeys.READINESS_PATH + " and " + OperationsKeys.METRICS_PATH + " must differ; " + path
            + " is given twice");
      }
    }
    String loggerName = config.getString(OperationsKeys.REQUEST_LOGGER_NAME).strip();
    if (loggerName.isEmpty()) {
      throw new InvalidConfigException("Invalid setting: " + OperationsKeys.REQUEST_LOGGER_NAME + " is empty");
    }
    return new OperationsSettings(
        new Health(liveness, readiness, Duration.ofMillis(config.getInt(OperationsKeys.READINESS_TIMEOUT_MS)),
            Duration.ofMillis(config.getInt(OperationsKeys.READINESS_CACHE_MS))),
        new Metrics(metricsEnabled, metrics, config.getBoolean(OperationsKeys.METRICS_LABELS_TOPIC_ENABLE),
            config.getInt(OperationsKeys.METRICS_LABELS_MAX_VALUES)),
        new AccessLog(config.getBoolean(OperationsKeys.ACCESS_LOG_ENABLED), loggerName));
  }

  private static String path(AbstractConfig config, String key) {
    String path = config.getString(key).strip();
    if (!PATH.matcher(path).matches()) {
      throw new InvalidConfigException("Invalid setting: " + key + " '" + path + "' must be a path such as /healthz: "
          + "segments of letters, digits, '.', '_', '~' or '-', without a trailing slash");
    }
    String first = path.substring(1).split("/", 2)[0];
    if (API_ROOTS.contains(first)) {
      throw new InvalidConfigException("Invalid setting: " + key + " '" + path + "' is under the API's own /" + first);
    }
    return path;
  }
}
