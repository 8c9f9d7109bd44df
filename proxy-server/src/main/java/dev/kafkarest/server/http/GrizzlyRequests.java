package dev.kafkarest.server.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.http.server.Request;
import org.jspecify.annotations.Nullable;

/**
 * What filters and writers need from Grizzly's own request: its connection and the client's address. The handler
 * in front of Jersey ({@link MalformedUriGuard}) copies them into the request's properties (Jersey's Grizzly
 * container reads properties from Grizzly's request attributes), where they are read without a lookup through
 * the injector: injecting Grizzly's request cost about 2 % of the proxy's CPU per small request.
 */
public final class GrizzlyRequests {
  /** Request property: the Grizzly connection the request came on. */
  static final String CONNECTION = GrizzlyRequests.class.getName() + ".connection";
  private static final String CLIENT_ADDRESS = GrizzlyRequests.class.getName() + ".client";

  private GrizzlyRequests() {}

  /** Copies a request's connection and client address into its attributes. */
  static void copy(Request request) {
    request.setAttribute(CONNECTION, request.getContext().getConnection());
    String address = request.getRemoteAddr();
    if (address != null) {
      request.setAttribute(CLIENT_ADDRESS, address);
    }
  }

  /** {@return the connection a request came on, or null when it did not come through the proxy's handler} */
  public static @Nullable Connection<?> connection(ContainerRequestContext request) {
    return request.getProperty(CONNECTION) instanceof Connection<?> connection ? connection : null;
  }

  /** {@return the client's IP address, or null when the request did not come through the proxy's handler} */
  public static @Nullable String clientAddress(ContainerRequestContext request) {
    return request.getProperty(CLIENT_ADDRESS) instanceof String address ? address : null;
  }
}
