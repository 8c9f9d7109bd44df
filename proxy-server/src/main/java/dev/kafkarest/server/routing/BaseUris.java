package dev.kafkarest.server.routing;

import dev.kafkarest.server.config.HttpSettings;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds the absolute URLs the proxy hands out: a v2 consumer instance's {@code base_uri}, so that a client
 * is led to the node that owns the instance, and the base of the v3 API's {@code self} and {@code related}
 * links. In order of preference: the authority of the first advertised listener with the request's
 * scheme (or of the first advertised listener at all); else {@code host.name} with the request's port; else
 * the request's own authority (its scheme, and the Host header with the port it names), but only when the Host
 * names this machine or is allowed by {@code base.uri.allowed.hosts}: otherwise a client could make the proxy hand
 * out a {@code base_uri} that points anywhere. Such a Host is replaced by this machine's name; its port stays.
 */
public final class BaseUris {
  private final List<URI> advertisedListeners;
  private final String hostName;
  private final Set<String> allowedHosts;
  private final boolean anyHost;
  private final String machineName;

  /**
   * @param allowedHosts Host header values (lower case, no port) that may appear in a {@code base_uri}
   * @param anyHost whether any Host may (Confluent's behaviour)
   * @param machineName the host used in place of a Host that may not
   */
  BaseUris(List<URI> advertisedListeners, String hostName, Set<String> allowedHosts, boolean anyHost,
      String machineName) {
    this.advertisedListeners = List.copyOf(advertisedListeners);
    this.hostName = hostName;
    this.allowedHosts = Set.copyOf(allowedHosts);
    this.anyHost = anyHost;
    this.machineName = machineName;
  }

  /**
   * {@return the base URIs of the HTTP settings; the allowed Host values are the configured ones, the
   *     listeners' hosts, and this machine's names and addresses, looked up once here}
   */
  public static BaseUris of(HttpSettings http) {
    Set<String> allowed = new HashSet<>(MachineNames.all());
    http.baseUriAllowedHosts().forEach(host -> allowed.add(normalize(host)));
    http.listeners().forEach(listener -> allowed.add(normalize(listener.getHost())));
    return new BaseUris(http.advertisedListeners(), http.hostName(), allowed,
        http.baseUriAllowedHosts().contains("*"), MachineNames.hostName());
  }

  /** {@return the base URI of the request's application, on the authority chosen as described above} */
  public URI base(UriInfo request) {
    return authority(request.getBaseUri());
  }

  /** {@return the {@code base_uri} of consumer instance {@code name} of {@code group}} */
  public URI instance(UriInfo request, String group, String name) {
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
      return UriBuilder.fromUri(request).host(hostName).build();
    }
    if (anyHost || allowedHosts.contains(normalize(request.getHost()))) {
      return request;
    }
    return UriBuilder.fromUri(request).host(machineName).build();
  }

  private static String normalize(@Nullable String host) {
    if (host == null) {
      return "";
    }
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return bare.toLowerCase(Locale.ROOT);
  }

  /** This machine's names and addresses, as a Host header may name them. */
  private static final class MachineNames {
    private MachineNames() {}

    static Set<String> all() {
      Set<String> names = new HashSet<>(Set.of("localhost", "127.0.0.1", "::1", "0:0:0:0:0:0:0:1"));
      names.add(normalize(hostName()));
      try {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
          Collections.list(network.getInetAddresses()).forEach(address -> {
            String literal = address.getHostAddress();
            int zone = literal.indexOf('%');
            names.add(normalize(zone < 0 ? literal : literal.substring(0, zone)));
          });
        }
      } catch (SocketException e) {
        // Without the interface list only the loopback names and the host name are known.
      }
      return names;
    }

    static String hostName() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        return "localhost";
      }
    }
  }
}
