package dev.kafkarest.server.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Keys of the HTTP server: where it listens, how it is reached, and its request limits and threads. */
public final class HttpKeys {
  public static final String LISTENERS = "listeners";
  public static final String ADVERTISED_LISTENERS = "advertised.listeners";
  public static final String HOST_NAME = "host.name";
  public static final String BASE_URI_ALLOWED_HOSTS = "base.uri.allowed.hosts";
  public static final String REQUEST_BODY_MAX_BYTES = "request.body.max.bytes";
  public static final String HTTP_THREADS = "http.threads";
  public static final String HTTP_MAX_INFLIGHT = "http.max.inflight.requests";
  public static final String RESPONSE_THREADS = "response.threads";

  private static final int CORES = Runtime.getRuntime().availableProcessors();

  private HttpKeys() {}

  static void define(ConfigDef definition) {
    new KeyGroup(definition, "HTTP")
        .define(LISTENERS, Type.LIST, "http://0.0.0.0:8082", null, Importance.HIGH,
            "URLs the server listens on, comma-separated, http or https (https needs the ssl.* keys).")
        .define(ADVERTISED_LISTENERS, Type.LIST, "", null, Importance.MEDIUM,
            "URLs clients use to reach this node; the first with the request's scheme builds consumer base_uri.")
        .define(HOST_NAME, Type.STRING, "", null, Importance.LOW,
            "Deprecated Confluent fallback for the host in consumer base_uri.")
        .define(BASE_URI_ALLOWED_HOSTS, Type.LIST, "", null, Importance.LOW,
            "Host names a request's Host header may put into consumer base_uri when no advertised listener fits, "
                + "besides this machine's own names and addresses; * allows any (Confluent's behaviour).")
        .define(REQUEST_BODY_MAX_BYTES, Type.LONG, 16L * 1024 * 1024, Range.between(1024, Integer.MAX_VALUE),
            Importance.MEDIUM, "Largest request body accepted; larger ones get 413.")
        .define(HTTP_THREADS, Type.INT, Math.max(8, 4 * CORES), Range.between(1, 1024), Importance.LOW,
            "Grizzly worker threads (request parsing and Kafka sends).")
        .define(HTTP_MAX_INFLIGHT, Type.INT, 10_000, Range.between(1, 1_000_000), Importance.MEDIUM,
            "Most requests in flight at once; more get 429.")
        .define(RESPONSE_THREADS, Type.INT, Math.max(2, CORES), Range.between(1, 256), Importance.LOW,
            "Threads that finish responses after Kafka answers.");
  }
}
