package dev.kafkarest.server.v3;

import dev.kafkarest.server.routing.BaseUris;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/**
 * The absolute URLs and resource names of one request's v3 responses. URLs start at the request's base URI
 * as {@link BaseUris} chooses it (advertised listeners, {@code host.name}, or an allowed Host), so links
 * lead to this proxy, as a v2 {@code base_uri} does; each path segment is percent-encoded.
 */
final class Links {
  private final URI base;

  private Links(URI base) {
    this.base = base;
  }

  static Links of(BaseUris baseUris, UriInfo request) {
    return new Links(baseUris.base(request));
  }

  /** {@return the absolute URL of {@code /v3/segments...}} */
  String url(String... segments) {
    return UriBuilder.fromUri(base).segment("v3").segment(segments).build().toString();
  }

  /**
   * {@return a Confluent resource name: {@code crn:///kafka=<cluster>/<type>=<name>...} from type-name pairs};
   * an empty name leaves the type alone ({@code .../lag-summary})
   */
  static String crn(String clusterId, String... typesAndNames) {
    StringBuilder crn = new StringBuilder("crn:///kafka=").append(clusterId);
    for (int i = 0; i + 1 < typesAndNames.length; i += 2) {
      crn.append('/').append(typesAndNames[i]);
      if (!typesAndNames[i + 1].isEmpty()) {
        crn.append('=').append(typesAndNames[i + 1]);
      }
    }
    return crn.toString();
  }
}
