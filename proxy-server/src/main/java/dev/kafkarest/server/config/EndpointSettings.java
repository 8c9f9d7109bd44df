package dev.kafkarest.server.config;

import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;

/**
 * Which APIs and endpoints are served ({@link EndpointKeys}).
 *
 * @param v2Enabled whether the v2 API is served
 * @param allowlist endpoint names and families served; empty serves all
 * @param blocklist endpoint names and families not served
 */
public record EndpointSettings(boolean v2Enabled, Set<String> allowlist, Set<String> blocklist) {
  public EndpointSettings {
    allowlist = Set.copyOf(allowlist);
    blocklist = Set.copyOf(blocklist);
  }

  static EndpointSettings from(AbstractConfig config) {
    return new EndpointSettings(config.getBoolean(EndpointKeys.API_V2_ENABLE),
        Set.copyOf(config.getList(EndpointKeys.ALLOWLIST)), Set.copyOf(config.getList(EndpointKeys.BLOCKLIST)));
  }
}
