package dev.kafkarest.server.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Confluent REST Proxy settings this proxy does not use, each with the reason, so that a Confluent
 * {@code kafka-rest.properties} or container environment loads as it is.
 *
 * <p>{@link #IGNORED} keys are logged once at start-up and otherwise ignored. {@link #REFUSED} keys stop
 * start-up with their reason: ignoring them would weaken security or silently change where the proxy listens.
 * An entry ending in {@code .} stands for every key with that prefix. This class is the one table; a key that
 * becomes a real setting is removed from it (the proxy's own keys are matched first anyway).
 */
final class ConfluentKeys {
  private static final String PLUGINS = "Confluent's Java extension classes; this proxy loads no plug-ins";
  private static final String JMX_METRICS =
      "Confluent's JMX metrics; this proxy serves Prometheus metrics at metrics.path (see operations.md)";
  private static final String WAIT_FOR_KAFKA = "the container start script's wait for Kafka; the proxy starts at once "
      + "and its readiness probe reports whether Kafka answers";
  private static final String USE_QUOTAS = "Confluent's rate limits; use the quota.* settings (see security.md)";
  private static final String SCHEMA_REGISTRY =
      "no schema registry support: the avro, jsonschema and protobuf formats answer 422/42206";
  private static final String CLIENT_THREADS = "Confluent's own client setting; this proxy's Kafka clients need none";

  /** Keys known to Confluent that this proxy ignores, with the reason logged at start-up. */
  static final Map<String, String> IGNORED = table(
      "kafka.rest.extension.classes", PLUGINS,
      "kafka.rest.resource.extension.class", PLUGINS,
      "resource.extension.classes", PLUGINS,
      "rest.servlet.initializor.classes", PLUGINS,
      "websocket.servlet.initializor.classes", PLUGINS,
      "websocket.path.prefix", "no websocket endpoints",
      "zookeeper.connect", "ZooKeeper is not used; bootstrap.servers names the cluster",
      "schema.registry.url", SCHEMA_REGISTRY,
      "schema.registry.basic.auth.", SCHEMA_REGISTRY,
      "schema.registry.ssl.", SCHEMA_REGISTRY,
      "simpleconsumer.pool.size.max", "the v1 simple consumer is not served",
      "simpleconsumer.pool.timeout.ms", "the v1 simple consumer is not served",
      "producer.threads", CLIENT_THREADS,
      "consumer.iterator.timeout.ms", "reads wait without a per-record iterator timeout (see consumer.iterator.backoff.ms)",
      "client.timeout.ms", CLIENT_THREADS,
      "client.init.timeout.ms", CLIENT_THREADS,
      "max.poll.records", "Confluent does not read it either (its consumers default to 30); set "
          + "consumer.max.poll.records",
      "confluent.resource.name.authority", "resource names of Confluent's v3 API",
      "confluent.telemetry.", "Confluent telemetry is not sent",
      "api.v3.produce.", "v3 produce is not served",
      "streaming.connection.max.duration.ms", "v3 streaming produce is not served",
      "streaming.connection.max.duration.grace.period.ms", "v3 streaming produce is not served",
      "null.request.body.always.publishes.empty.record", "v3 produce is not served",
      "use.custom.request.logging", "the access log is built in (access.log.enabled)",
      "rate.limit.", USE_QUOTAS,
      "network.traffic.rate.limit.", USE_QUOTAS,
      "dos.filter.", "Jetty's DoS filter; use the quota.* settings and http.max.inflight.requests",
      "thread.pool.min", "use http.threads",
      "thread.pool.max", "use http.threads",
      "request.queue.capacity", "use http.max.inflight.requests",
      "request.queue.capacity.init", "use http.max.inflight.requests",
      "request.queue.capacity.growby", "use http.max.inflight.requests",
      "metric.reporters", JMX_METRICS,
      "metrics.num.samples", JMX_METRICS,
      "metrics.sample.window.ms", JMX_METRICS,
      "metrics.tag.map", JMX_METRICS,
      "metrics.latency.", JMX_METRICS,
      "metrics.global.stats.request.tags.enable", JMX_METRICS,
      "percentile.max.latency.ms", JMX_METRICS,
      "disable.response.size.metrics.collection", JMX_METRICS,
      "jmx.port", JMX_METRICS,
      "jmx.hostname", JMX_METRICS,
      "debug", "errors never carry stack traces",
      "suppress.stack.trace.response", "errors never carry stack traces",
      "response.mediatype.default", "response media types are fixed (see api-compatibility.md)",
      "response.mediatype.preferred", "response media types are fixed (see api-compatibility.md)",
      "return.429.instead.of.500.for.jetty.response.errors", "overload already answers 429 (http.max.inflight.requests)",
      "jetty.legacy.uri.compliance", "not served by Jetty; malformed URIs answer 400",
      "request.timeout.ms", "Jetty's request timeout; Kafka calls are bounded by the clients' timeouts",
      "request.timeout.interrupt.enable", "Jetty's request timeout; Kafka calls are bounded by the clients' timeouts",
      "http2.enabled", "HTTP/1.1 only; see api-compatibility.md (U11)",
      "ssl.provider", "the JVM's default security provider is used",
      "ssl.keymanager.algorithm", "the JVM's default key manager is used",
      "ssl.trustmanager.algorithm", "the JVM's default trust manager is used",
      "cub.kafka.timeout", WAIT_FOR_KAFKA,
      "cub.kafka.min.brokers", WAIT_FOR_KAFKA,
      "ub.kafka.timeout", WAIT_FOR_KAFKA,
      "ub.kafka.min.brokers", WAIT_FOR_KAFKA,
      // Jetty's limits, which this proxy names otherwise (HttpLimitsKeys).
      "max.request.header.size", "Jetty's header buffer; set http.header.max.bytes and http.headers.max instead",
      "max.response.header.size", "Jetty's response header buffer; responses carry a few fixed headers",
      "server.connection.limit", "Jetty's connection limit; set http.connections.max (per listener) instead",
      "connector.connection.limit", "Jetty's connection limit; set http.connections.max (per listener) instead");

  /** Keys known to Confluent that stop start-up, with the reason. */
  static final Map<String, String> REFUSED = table(
      "port", "Confluent's deprecated port setting; set listeners=http://0.0.0.0:<port>",
      "listener.protocol.map", "named listeners are not supported; set listeners",
      "proxy.protocol.enabled", "the PROXY protocol is not supported",
      "sni.check.enabled", "SNI checks are not supported",
      "sni.host.check.enabled", "SNI checks are not supported",
      "ssl.keystore.reload", "key stores are read once at start-up",
      "ssl.spire.enabled", "SPIRE certificates are not supported",
      "hsts.header.enable", "custom response headers are not supported; add them at a reverse proxy",
      "nosniff.prevention.enable", "custom response headers are not supported; add them at a reverse proxy",
      "response.http.headers.config", "custom response headers are not supported; add them at a reverse proxy",
      "csrf.prevention.enable", "cross-site writes are refused by the CORS filter instead (see security.md)");

  private ConfluentKeys() {}

  /** {@return why {@code key} is ignored, when it is a Confluent key this proxy ignores} */
  static Optional<String> ignoredReason(String key) {
    return lookUp(IGNORED, key);
  }

  /** {@return why {@code key} stops start-up, when it is a Confluent key this proxy refuses} */
  static Optional<String> refusedReason(String key) {
    return lookUp(REFUSED, key);
  }

  /** {@return whether {@code key} is one of the table's exact keys (not one matched by a prefix)} */
  static boolean isExact(String key) {
    return IGNORED.containsKey(key) && !key.endsWith(".") || REFUSED.containsKey(key) && !key.endsWith(".");
  }

  private static Optional<String> lookUp(Map<String, String> table, String key) {
    String exact = table.get(key);
    if (exact != null) {
      return Optional.of(exact);
    }
    return table.entrySet().stream()
        .filter(entry -> entry.getKey().endsWith(".") && key.startsWith(entry.getKey())
            && key.length() > entry.getKey().length())
        .map(Map.Entry::getValue)
        .findFirst();
  }

  private static Map<String, String> table(String... keysAndReasons) {
    Map<String, String> table = new LinkedHashMap<>();
    for (int i = 0; i < keysAndReasons.length; i += 2) {
      if (table.put(keysAndReasons[i], keysAndReasons[i + 1]) != null) {
        throw new IllegalStateException("Listed twice: " + keysAndReasons[i]);
      }
    }
    return Collections.unmodifiableMap(table);
  }
}
