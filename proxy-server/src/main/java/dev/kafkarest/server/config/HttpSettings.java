package dev.kafkarest.server.config;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;

/**
 * The HTTP server's settings ({@link HttpKeys}).
 *
 * @param listeners the URLs the server binds, {@code http} or {@code https}, at least one
 * @param advertisedListeners URLs clients use to reach this node, for consumer {@code base_uri}
 * @param hostName Confluent's deprecated fallback host for {@code base_uri}, or empty
 * @param baseUriAllowedHosts Host header values that may appear in {@code base_uri}; {@code *} for any
 * @param requestBodyMaxBytes largest request body accepted
 * @param threads Grizzly worker threads
 * @param maxInflightRequests requests in flight at once; also bounds the worker and response queues
 * @param responseThreads threads that render responses after Kafka answers
 */
public record HttpSettings(
    List<URI> listeners,
    List<URI> advertisedListeners,
    String hostName,
    List<String> baseUriAllowedHosts,
    long requestBodyMaxBytes,
    int threads,
    int maxInflightRequests,
    int responseThreads) {
  private static final Set<String> SCHEMES = Set.of("http", "https");

  public HttpSettings {
    listeners = List.copyOf(listeners);
    advertisedListeners = List.copyOf(advertisedListeners);
    baseUriAllowedHosts = List.copyOf(baseUriAllowedHosts);
  }

  /** {@return whether a listener serves https, so that the TLS settings are needed} */
  public boolean hasHttps() {
    return listeners.stream().anyMatch(uri -> uri.getScheme().equals("https"));
  }

  static HttpSettings from(AbstractConfig config) {
    List<URI> listeners = uris(HttpKeys.LISTENERS, config.getList(HttpKeys.LISTENERS));
    if (listeners.isEmpty()) {
      throw new InvalidConfigException("Invalid setting: " + HttpKeys.LISTENERS + " names no URL");
    }
    Set<String> bound = new HashSet<>();
    for (URI listener : listeners) {
      if (listener.getPort() > 0 && !bound.add(listener.getHost() + ":" + listener.getPort())) {
        throw new InvalidConfigException("Invalid setting: " + HttpKeys.LISTENERS + " names " + listener.getHost()
            + ":" + listener.getPort() + " twice");
      }
    }
    return new HttpSettings(
        listeners,
        uris(HttpKeys.ADVERTISED_LISTENERS, config.getList(HttpKeys.ADVERTISED_LISTENERS)),
        config.getString(HttpKeys.HOST_NAME),
        config.getList(HttpKeys.BASE_URI_ALLOWED_HOSTS),
        config.getLong(HttpKeys.REQUEST_BODY_MAX_BYTES),
        config.getInt(HttpKeys.HTTP_THREADS),
        config.getInt(HttpKeys.HTTP_MAX_INFLIGHT),
        config.getInt(HttpKeys.RESPONSE_THREADS));
  }

  private static List<URI> uris(String key, List<String> values) {
    return values.stream().map(value -> uri(key, value)).toList();
  }

  private static URI uri(String key, String value) {
    try {
      URI uri = URI.create(value.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("missing scheme or host");
      }
      if (!SCHEMES.contains(uri.getScheme())) {
        throw new IllegalArgumentException("unsupported scheme " + uri.getScheme());
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("Invalid setting: " + key + " has an invalid URL '" + value + "': "
          + e.getMessage(), e);
    }
  }
}
