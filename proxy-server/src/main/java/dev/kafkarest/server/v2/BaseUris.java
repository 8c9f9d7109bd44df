package dev.kafkarest.server.v2;

import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;

/**
 * Builds a consumer instance's absolute {@code base_uri}, so that a client is led to the node that owns
 * the instance: the authority of the first advertised listener with the request's scheme (or of the
 * first advertised listener at all), else {@code host.name} with the listener's port, else the
 * authority the request came in on.
 */
public final class BaseUris {
  private final List<URI> advertisedListeners;
  private final String hostName;
  private final int listenerPort;

  public BaseUris(List<URI> advertisedListeners, String hostName, int listenerPort) {
    this.advertisedListeners = List.copyOf(advertisedListeners);
    this.hostName = hostName;
    this.listenerPort = listenerPort;
  }

  URI instance(UriInfo request, String group, String name) {
    return UriBuilder.fromUri(authority(request.getBaseUri()))
        .path("consumers").path("{group}").path("instances").path("{name}")
        .build(group, name);
  }

  private URI authority(URI request) {
    URI advertised = advertisedListeners.stream()
        .filter(uri -> uri.getScheme().equals(request.getScheme()))
        .findFirst()
        .orElse(advertisedListeners.isEmpty() ? null : advertisedListeners.get(0));
    if (advertised != null) {
      return UriBuilder.fromUri(advertised).replacePath(request.getPath()).build();
    }
    if (!hostName.isEmpty()) {
      return UriBuilder.fromUri(request).host(hostName).port(request.getPort() == -1 ? -1 : listenerPort).build();
    }
    return request;
  }
}
