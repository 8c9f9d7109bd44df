package dev.kafkarest.server.config;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;

/**
 * The HTTP server's settings ({@link HttpKeys}).
 *
 * @param listeners the URLs the server binds: for now exactly one, with scheme {@code http}
 * @param advertisedListeners URLs clients use to reach this node, for consumer {@code base_uri}
 * @param hostName Confluent's deprecated fallback host for {@code base_uri}, or empty
 * @param requestBodyMaxBytes largest request body accepted
 * @param threads Grizzly worker threads
 * @param maxInflightRequests requests in flight at once; also bounds the worker and response queues
 * @param responseThreads threads that render responses after Kafka answers
 */
public record HttpSettings(
    List<URI> listeners,
    List<URI> advertisedListeners,
    String hostName,
    long requestBodyMaxBytes,
    int threads,
    int maxInflightRequests,
    int responseThreads) {
  /** Schemes a listener may have; TLS adds {@code https}. */
  private static final Set<String> LISTENER_SCHEMES = Set.of("http");
  private static final Set<String> ADVERTISED_SCHEMES = Set.of("http", "https");

  public HttpSettings {
    listeners = List.copyOf(listeners);
    advertisedListeners = List.copyOf(advertisedListeners);
  }

  /** {@return the listener the server binds} */
  public URI listener() {
    return listeners.get(0);
  }

  static HttpSettings from(AbstractConfig config) {
    List<String> listeners = config.getList(HttpKeys.LISTENERS);
    if (listeners.size() != 1) {
      throw new InvalidConfigException("Invalid setting: " + HttpKeys.LISTENERS + " must name exactly one URL, was "
          + listeners);
    }
    return new HttpSettings(
        uris(HttpKeys.LISTENERS, listeners, LISTENER_SCHEMES),
        uris(HttpKeys.ADVERTISED_LISTENERS, config.getList(HttpKeys.ADVERTISED_LISTENERS), ADVERTISED_SCHEMES),
        config.getString(HttpKeys.HOST_NAME),
        config.getLong(HttpKeys.REQUEST_BODY_MAX_BYTES),
        config.getInt(HttpKeys.HTTP_THREADS),
        config.getInt(HttpKeys.HTTP_MAX_INFLIGHT),
        config.getInt(HttpKeys.RESPONSE_THREADS));
  }

  private static List<URI> uris(String key, List<String> values, Set<String> schemes) {
    return values.stream().map(value -> uri(key, value, schemes)).toList();
  }

  private static URI uri(String key, String value, Set<String> schemes) {
    try {
      URI uri = URI.create(value.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("missing scheme or host");
      }
      if (!schemes.contains(uri.getScheme())) {
        throw new IllegalArgumentException("unsupported scheme " + uri.getScheme());
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("Invalid setting: " + key + " has an invalid URL '" + value + "': "
          + e.getMessage(), e);
    }
  }
}
