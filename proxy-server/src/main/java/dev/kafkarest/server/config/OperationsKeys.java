package dev.kafkarest.server.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Keys of what operators and their tools see: the health probes, the metrics scrape and the access log.
 * {@code request.logger.name} is Confluent's key; the others are the proxy's own. See docs/operations.md.
 */
public final class OperationsKeys {
  public static final String LIVENESS_PATH = "health.liveness.path";
  public static final String READINESS_PATH = "health.readiness.path";
  public static final String READINESS_TIMEOUT_MS = "health.readiness.timeout.ms";
  public static final String READINESS_CACHE_MS = "health.readiness.cache.ms";
  public static final String METRICS_ENABLED = "metrics.enabled";
  public static final String METRICS_PATH = "metrics.path";
  public static final String METRICS_LABELS_TOPIC_ENABLE = "metrics.labels.topic.enable";
  public static final String METRICS_LABELS_MAX_VALUES = "metrics.labels.max.values";
  public static final String ACCESS_LOG_ENABLED = "access.log.enabled";
  public static final String REQUEST_LOGGER_NAME = "request.logger.name";

  private OperationsKeys() {}

  static void define(ConfigDef definition) {
    new KeyGroup(definition, "Operations")
        .define(LIVENESS_PATH, Type.STRING, "/healthz", null, Importance.LOW,
            "Path of the liveness probe: 200 while the process serves requests; never calls Kafka.")
        .define(READINESS_PATH, Type.STRING, "/readyz", null, Importance.LOW,
            "Path of the readiness probe: 200 while Kafka answers a metadata request and the producer can "
                + "take records, else 503.")
        .define(READINESS_TIMEOUT_MS, Type.INT, 2_000, Range.between(100, 60_000), Importance.LOW,
            "Bound on the readiness probe's metadata request to Kafka.")
        .define(READINESS_CACHE_MS, Type.INT, 1_000, Range.between(0, 60_000), Importance.LOW,
            "How long a readiness result is reused, so that frequent probes make at most one Kafka request "
                + "per period.")
        .define(METRICS_ENABLED, Type.BOOLEAN, true, null, Importance.MEDIUM,
            "Whether metrics are kept and served for Prometheus.")
        .define(METRICS_PATH, Type.STRING, "/metrics", null, Importance.LOW,
            "Path of the Prometheus scrape (text format 0.0.4, or OpenMetrics when the scraper asks for it).")
        .define(METRICS_LABELS_TOPIC_ENABLE, Type.BOOLEAN, false, null, Importance.LOW,
            "Whether the produce and consume record and byte counters carry a topic label (at most "
                + METRICS_LABELS_MAX_VALUES + " distinct topics, the rest as 'other').")
        .define(METRICS_LABELS_MAX_VALUES, Type.INT, OperationsSettings.Metrics.DEFAULT_MAX_LABEL_VALUES,
            Range.between(1, 10_000), Importance.LOW,
            "The most distinct values a metric label such as topic takes; later values are reported as 'other'.")
        .define(ACCESS_LOG_ENABLED, Type.BOOLEAN, true, null, Importance.LOW,
            "Whether every request is logged, one line each, on the request logger.")
        .define(REQUEST_LOGGER_NAME, Type.STRING, "kafka.rest.access", null, Importance.LOW,
            "Name of the logger that receives the access log lines (at INFO).");
  }
}
