package dev.kafkarest.server.v2;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Confluent's names of the v2 endpoints ({@code api.v2.topics.list}, {@code api.v2.produce-to-topic.binary},
 * {@code api.v2.consumers.consume-json}, ...), as {@code api.endpoints.allowlist} and {@code blocklist} use them.
 * A name's family is the name up to its last dot followed by {@code *} ({@code api.v2.topics.*}).
 *
 * <p>Produce is named by the format its Content-Type names, and a records read by the format its Accept names;
 * a type naming no format counts as binary, as Confluent reads it with the binary reader.
 */
final class EndpointNames {
  private static final String SEGMENT = "[^/]+";
  private static final String INSTANCE = "/consumers/" + SEGMENT + "/instances/" + SEGMENT;
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
      new Route("GET", INSTANCE + "/records", "api.v2.consumers.consume-"));
  private static final Pattern FORMAT = Pattern.compile("application/vnd\\.kafka\\.(binary|json|avro|jsonschema|protobuf)"
      + "\\.v[12]\\+json.*");

  private EndpointNames() {}

  /**
   * {@return Confluent's name of the endpoint a request goes to, or empty when it goes to none of the v2 API}
   *
   * @param rawPath the request's path, undecoded, without a trailing slash
   * @param mediaType the Content-Type of a produce, the Accept of a records read (null when absent)
   */
  static Optional<String> of(String method, String rawPath, @Nullable String mediaType) {
    for (Route route : ROUTES) {
      if (route.method().equals(method) && route.path().matcher(rawPath).matches()) {
        return Optional.of(route.name().endsWith(".") || route.name().endsWith("-")
            ? route.name() + format(mediaType) : route.name());
      }
    }
    return Optional.empty();
  }

  /** {@return the family of {@code name}: {@code api.v2.topics.list} belongs to {@code api.v2.topics.*}} */
  static String family(String name) {
    return name.substring(0, name.lastIndexOf('.') + 1) + "*";
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

  private record Route(String method, Pattern path, String name) {
    Route(String method, String path, String name) {
      this(method, Pattern.compile(path), name);
    }
  }
}
