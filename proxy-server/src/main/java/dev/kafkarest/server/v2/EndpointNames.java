package dev.kafkarest.server.v2;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Confluent's names of the v2 endpoints ({@code api.v2.topics.list}, {@code api.v2.produce-to-topic.binary},
 * {@code api.v2.consumers.consume-json}, ...) and of the v3 endpoints served ({@code api.v3.topics.list},
 * {@code api.v3.consumer-lags.list}, ...), as {@code api.endpoints.allowlist} and {@code blocklist} use them.
 * A name's family is the name up to its last dot followed by {@code *} ({@code api.v2.topics.*}), except
 * {@code api.v3.partitions.list.offsets}, which is Confluent's {@code api.v3.partition-offsets.*}.
 *
 * <p>Produce is named by the format its Content-Type names, and a records read by the format its Accept names;
 * a type naming no format counts as binary, as Confluent reads it with the binary reader. {@code HEAD} is named as
 * {@code GET}, which Jersey runs for it.
 *
 * <p>The proxy's own endpoints have names of the same kind, so that a non-empty allowlist serves nothing it does
 * not name: v1's high-level read is {@code api.v2.consumers.consume-<format>}, the reads by offset
 * ({@code .../partitions/{p}/records} and v1's {@code .../messages}) are {@code
 * api.v2.consume-from-partition.<format>}, and the HDInsight {@code /v1} API's are {@code api.v1.hdinsight.*}.
 */
final class EndpointNames {
  private static final String SEGMENT = "[^/]+";
  private static final String INSTANCE = "/consumers/" + SEGMENT + "/instances/" + SEGMENT;
  private static final String CLUSTER = "/v3/clusters/" + SEGMENT;
  private static final String TOPIC = CLUSTER + "/topics/" + SEGMENT;
  private static final String GROUP = CLUSTER + "/consumer-groups/" + SEGMENT;
  private static final List<Route> ROUTES = List.of(
      new Route("GET", "/", "api.v2.root.get"),
      new Route("POST", "/", "api.v2.root.post"),
      new Route("GET", "/topics", "api.v2.topics.list"),
      new Route("GET", "/topics/" + SEGMENT, "api.v2.topics.get"),
      new Route("POST", "/topics/" + SEGMENT, "api.v2.produce-to-topic."),
      new Route("GET", "/topics/" + SEGMENT + "/partitions", "api.v2.partitions.list"),
      new Route("GET", "/topics/" + SEGMENT + "/partitions/" + SEGMENT, "api.v2.partitions.get"),
      new Route("GET", "/topics/" + SEGMENT + "/partitions/" + SEGMENT + "/offsets", "api.v2.partitions.get-offsets"),
      new Route("POST", "/topics/" + SEGMENT + "/partitions/" + SEGMENT, "api.v2.produce-to-partition."),
      new Route("GET", "/brokers", "api.v2.brokers.list"),
      new Route("POST", "/consumers/" + SEGMENT, "api.v2.consumers.create"),
      new Route("DELETE", INSTANCE, "api.v2.consumers.delete"),
      new Route("POST", INSTANCE + "/subscription", "api.v2.consumers.subscribe"),
      new Route("GET", INSTANCE + "/subscription", "api.v2.consumers.get-subscription"),
      new Route("DELETE", INSTANCE + "/subscription", "api.v2.consumers.unsubscribe"),
      new Route("POST", INSTANCE + "/assignments", "api.v2.consumers.assign"),
      new Route("GET", INSTANCE + "/assignments", "api.v2.consumers.get-assignments"),
      new Route("POST", INSTANCE + "/positions", "api.v2.consumers.seek-to-offset"),
      new Route("POST", INSTANCE + "/positions/beginning", "api.v2.consumers.seek-to-beginning"),
      new Route("POST", INSTANCE + "/positions/end", "api.v2.consumers.seek-to-end"),
      new Route("POST", INSTANCE + "/offsets", "api.v2.consumers.commit-offsets"),
      new Route("GET", INSTANCE + "/offsets", "api.v2.consumers.get-committed-offsets"),
      new Route("GET", INSTANCE + "/records", "api.v2.consumers.consume-"),
      // Not Confluent's: v1's high-level read (a consume), the reads by offset, and the HDInsight API.
      new Route("GET", INSTANCE + "/topics/" + SEGMENT, "api.v2.consumers.consume-"),
      new Route("GET", "/topics/" + SEGMENT + "/partitions/" + SEGMENT + "/(records|messages)",
          "api.v2.consume-from-partition."),
      new Route("GET", "/v1/metadata/brokers", "api.v1.hdinsight.metadata.brokers"),
      new Route("GET", "/v1/metadata/topics", "api.v1.hdinsight.metadata.topics"),
      new Route("GET", "/v1/metadata/topics/" + SEGMENT + "/partitions", "api.v1.hdinsight.metadata.partitions"),
      new Route("GET", "/v1/metadata/topics/" + SEGMENT + "/partitions/" + SEGMENT,
          "api.v1.hdinsight.metadata.partition"),
      new Route("POST", "/v1/producer/topics/" + SEGMENT, "api.v1.hdinsight.producer.produce"),
      new Route("GET", "/v1/consumer/topics/" + SEGMENT + "/partitions/" + SEGMENT + "/offsets/" + SEGMENT,
          "api.v1.hdinsight.consumer.consume"),
      new Route("PUT", "/v1/topics/" + SEGMENT, "api.v1.hdinsight.topics.create"),
      new Route("DELETE", "/v1/topics/" + SEGMENT, "api.v1.hdinsight.topics.delete"),
      new Route("GET", "/v3/clusters", "api.v3.clusters.list"),
      new Route("GET", CLUSTER, "api.v3.clusters.get"),
      new Route("GET", CLUSTER + "/brokers", "api.v3.brokers.list"),
      new Route("GET", CLUSTER + "/brokers/" + SEGMENT, "api.v3.brokers.get"),
      new Route("GET", CLUSTER + "/topics", "api.v3.topics.list"),
      new Route("POST", CLUSTER + "/topics", "api.v3.topics.create"),
      new Route("GET", TOPIC, "api.v3.topics.get"),
      new Route("DELETE", TOPIC, "api.v3.topics.delete"),
      new Route("PATCH", TOPIC, "api.v3.topics.partitions"),
      new Route("POST", TOPIC + "/configs:alter", "api.v3.topic-configs.alter"),
      new Route("GET", TOPIC + "/configs", "api.v3.topic-configs.list"),
      new Route("GET", TOPIC + "/configs/" + SEGMENT, "api.v3.topic-configs.get"),
      new Route("PUT", TOPIC + "/configs/" + SEGMENT, "api.v3.topic-configs.update"),
      new Route("DELETE", TOPIC + "/configs/" + SEGMENT, "api.v3.topic-configs.delete"),
      new Route("GET", TOPIC + "/partitions", "api.v3.partitions.list"),
      new Route("GET", TOPIC + "/partitions/" + SEGMENT, "api.v3.partitions.get"),
      new Route("GET", TOPIC + "/partitions/" + SEGMENT + "/offset", "api.v3.partitions.list.offsets",
          "api.v3.partition-offsets.*"),
      new Route("GET", CLUSTER + "/consumer-groups", "api.v3.consumer-groups.list"),
      new Route("GET", GROUP, "api.v3.consumer-groups.get"),
      new Route("GET", GROUP + "/consumers", "api.v3.consumers.list"),
      new Route("GET", GROUP + "/consumers/" + SEGMENT, "api.v3.consumers.get"),
      new Route("GET", GROUP + "/consumers/" + SEGMENT + "/assignments", "api.v3.consumer-assignments.list"),
      new Route("GET", GROUP + "/consumers/" + SEGMENT + "/assignments/" + SEGMENT + "/partitions/" + SEGMENT,
          "api.v3.consumer-assignments.get"),
      new Route("GET", GROUP + "/lags", "api.v3.consumer-lags.list"),
      new Route("GET", GROUP + "/lags/" + SEGMENT + "/partitions/" + SEGMENT, "api.v3.consumer-lags.get"),
      new Route("GET", GROUP + "/lag-summary", "api.v3.consumer-group-lag-summary.get"));
  /** The families that are not the name up to its last dot (Confluent's class-level names). */
  private static final Map<String, String> FAMILIES = ROUTES.stream().filter(route -> route.family() != null)
      .collect(Collectors.toUnmodifiableMap(Route::name, route -> Objects.requireNonNull(route.family())));
  private static final Pattern FORMAT = Pattern.compile("application/vnd\\.kafka\\.(binary|json|avro|jsonschema|protobuf)"
      + "\\.v[12]\\+json.*");

  private EndpointNames() {}

  /**
   * {@return Confluent's name of the endpoint a request goes to, or empty when it goes to none of the v2 API or
   *     the v3 subset}
   *
   * @param rawPath the request's path, undecoded, without a trailing slash
   * @param mediaType the Content-Type of a produce, the Accept of a records read (null when absent)
   */
  static Optional<String> of(String method, String rawPath, @Nullable String mediaType) {
    String routed = method.equals("HEAD") ? "GET" : method;
    for (Route route : ROUTES) {
      if (route.method().equals(routed) && route.path().matcher(rawPath).matches()) {
        return Optional.of(route.name().endsWith(".") || route.name().endsWith("-")
            ? route.name() + format(mediaType) : route.name());
      }
    }
    return Optional.empty();
  }

  /**
   * {@return the family of {@code name}: {@code api.v2.topics.list} belongs to {@code api.v2.topics.*}, and
   *     {@code api.v3.partitions.list.offsets} to Confluent's {@code api.v3.partition-offsets.*}}
   */
  static String family(String name) {
    String family = FAMILIES.get(name);
    return family != null ? family : name.substring(0, name.lastIndexOf('.') + 1) + "*";
  }

  private static String format(@Nullable String mediaType) {
    if (mediaType != null) {
      var matcher = FORMAT.matcher(mediaType.trim().toLowerCase(Locale.ROOT));
      if (matcher.matches()) {
        return matcher.group(1).equals("jsonschema") ? "json-schema" : matcher.group(1);
      }
    }
    return "binary";
  }

  /** A route; {@code family} when it is not the name up to its last dot. */
  private record Route(String method, Pattern path, String name, @Nullable String family) {
    Route(String method, String path, String name) {
      this(method, Pattern.compile(path), name, null);
    }

    Route(String method, String path, String name, String family) {
      this(method, Pattern.compile(path), name, family);
    }
  }
}
