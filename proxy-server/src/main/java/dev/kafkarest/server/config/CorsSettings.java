package dev.kafkarest.server.config;

import java.util.List;
import org.apache.kafka.common.config.AbstractConfig;

/**
 * Cross-origin access ({@link CorsKeys}).
 *
 * @param allowedOrigins origins allowed to call from a browser ({@code *} for any); empty disables CORS
 * @param allowedMethods methods a preflight allows
 * @param allowedHeaders headers a preflight allows; empty allows those the browser asks for
 * @param exposedHeaders response headers scripts of an allowed origin may read ({@code Access-Control-Expose-Headers})
 */
public record CorsSettings(List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
    List<String> exposedHeaders) {
  public CorsSettings {
    exposedHeaders = List.copyOf(exposedHeaders);
    allowedOrigins = List.copyOf(allowedOrigins);
    allowedMethods = List.copyOf(allowedMethods);
    allowedHeaders = List.copyOf(allowedHeaders);
  }

  static CorsSettings from(AbstractConfig config) {
    return new CorsSettings(config.getList(CorsKeys.ALLOW_ORIGIN), config.getList(CorsKeys.ALLOW_METHODS),
        config.getList(CorsKeys.ALLOW_HEADERS), config.getList(CorsKeys.EXPOSE_HEADERS));
  }
}
