package dev.kafkarest.server.config;

import java.net.URI;
import org.apache.kafka.common.config.AbstractConfig;
import org.jspecify.annotations.Nullable;

/**
 * The optional management listener ({@link ManagementKeys}).
 *
 * @param listener where the probes and the scrape are served, or null to serve them on the main listeners
 */
public record ManagementSettings(@Nullable URI listener) {
  static ManagementSettings from(AbstractConfig config, HttpSettings http) {
    String value = config.getString(ManagementKeys.LISTENER).strip();
    if (value.isEmpty()) {
      return new ManagementSettings(null);
    }
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("Invalid setting: " + ManagementKeys.LISTENER + " has an invalid URL '" + value
          + "': " + e.getMessage(), e);
    }
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0
        || !(uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))) {
      throw new InvalidConfigException("Invalid setting: " + ManagementKeys.LISTENER + " '" + value
          + "' must be an http URL with a host and a port, such as http://0.0.0.0:8083");
    }
    if (uri.getPort() > 0 && http.listeners().stream()
        .anyMatch(main -> main.getPort() == uri.getPort() && main.getHost().equals(uri.getHost()))) {
      throw new InvalidConfigException("Invalid setting: " + ManagementKeys.LISTENER + " '" + value
          + "' is one of the listeners");
    }
    return new ManagementSettings(uri);
  }
}
