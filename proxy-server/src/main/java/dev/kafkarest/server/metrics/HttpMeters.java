package dev.kafkarest.server.metrics;

import dev.kafkarest.server.exchange.Exchange;
import dev.kafkarest.server.exchange.ExchangeListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Per endpoint (path template, method, status, {@code error_code}): a latency histogram whose count is the
 * request count ({@code http.server.requests}), and the request and response body sizes
 * ({@code http.server.request.body.size}, {@code http.server.response.body.size}).
 *
 * <p>A stream of records (SSE, NDJSON) is not a request's latency: it lasts as long as its client reads. Its
 * duration and bytes go to meters of their own ({@code kafka.rest.streams}, {@code kafka.rest.stream.body.size}),
 * so that the records path's latency histogram holds ordinary reads only.
 *
 * <p>Label values are bounded: templates come from the application (or {@code UNMATCHED}), methods outside
 * the standard ones are {@code OTHER}, and {@code error_code} is a code of the proxy's catalogue, empty for
 * responses that are not errors. The meters of each label set are looked up once and kept.
 */
final class HttpMeters implements ExchangeListener {
  static final String REQUESTS = "http.server.requests";
  static final String REQUEST_BODY = "http.server.request.body.size";
  static final String RESPONSE_BODY = "http.server.response.body.size";
  static final String STREAMS = "kafka.rest.streams";
  static final String STREAM_BODY = "kafka.rest.stream.body.size";
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");
  /** Latency buckets: from a cached metadata answer to the longest consumer read. */
  private static final Duration[] BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5),
      Duration.ofSeconds(10), Duration.ofSeconds(30)};
  /** Stream duration buckets: from a stream refused at once to one read for a day. */
  private static final Duration[] STREAM_BUCKETS = {
      Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(10),
      Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1)};

  /** Confluent's and the proxy's code for a request refused by a quota. */
  private static final int QUOTA_EXCEEDED = 42901;

  private final MeterRegistry registry;
  private final Map<Labels, Meters> meters = new ConcurrentHashMap<>();
  private final Counter throttled;

  HttpMeters(MeterRegistry registry) {
    this.registry = registry;
    this.throttled = Counter.builder("kafka.rest.quota.throttled.requests")
        .description("Requests refused with 429/42901 by a quota (quota.*)").register(registry);
  }

  @Override
  public void answered(Exchange exchange) {
    Labels labels = new Labels(method(exchange.method()), exchange.template(), exchange.status(), exchange.errorCode(),
        exchange.stream());
    Meters endpoint = meters.computeIfAbsent(labels, this::register);
    endpoint.latency().record(exchange.durationNanos(), TimeUnit.NANOSECONDS);
    if (endpoint.requestBody() != null) {
      endpoint.requestBody().record(exchange.requestBytes());
    }
    endpoint.responseBody().record(exchange.responseBytes());
    Integer errorCode = exchange.errorCode();
    if (errorCode != null && errorCode == QUOTA_EXCEEDED) {
      throttled.increment();
    }
  }

  private Meters register(Labels labels) {
    Tags tags = Tags.of("method", labels.method(), "uri", labels.template(), "status", Integer.toString(labels.status()),
        "outcome", outcome(labels.status()), "error_code", labels.errorCode() == null ? "" : labels.errorCode().toString());
    if (labels.stream()) {
      return new Meters(
          Timer.builder(STREAMS).description("Streams of records (SSE, NDJSON): count and duration, by path template")
              .tags(tags).serviceLevelObjectives(STREAM_BUCKETS).register(registry),
          null,
          DistributionSummary.builder(STREAM_BODY).description("Bytes a stream of records wrote").baseUnit("bytes")
              .tags(tags).register(registry));
    }
    return new Meters(
        Timer.builder(REQUESTS).description("HTTP requests: count and latency, by path template")
            .tags(tags).serviceLevelObjectives(BUCKETS).register(registry),
        DistributionSummary.builder(REQUEST_BODY).description("Request body bytes read").baseUnit("bytes")
            .tags(tags).register(registry),
        DistributionSummary.builder(RESPONSE_BODY).description("Response body bytes written").baseUnit("bytes")
            .tags(tags).register(registry));
  }

  private static String method(String method) {
    return METHODS.contains(method) ? method : "OTHER";
  }

  private static String outcome(int status) {
    return switch (status / 100) {
      case 1 -> "INFORMATIONAL";
      case 2 -> "SUCCESS";
      case 3 -> "REDIRECTION";
      case 4 -> "CLIENT_ERROR";
      case 5 -> "SERVER_ERROR";
      default -> "UNKNOWN";
    };
  }

  private record Labels(String method, String template, int status, @Nullable Integer errorCode, boolean stream) {}

  /** An endpoint's meters; a stream's have no request body summary (its request is a GET). */
  private record Meters(Timer latency, @Nullable DistributionSummary requestBody,
      DistributionSummary responseBody) {}
}
