package dev.kafkarest.server.stream;

import dev.kafkarest.server.http.GrizzlyRequests;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.function.LongSupplier;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.http.io.OutputBuffer;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.nio.NIOConnection;
import org.jspecify.annotations.Nullable;

/**
 * Hands Grizzly's output buffer of a request to the stream that answers it. Jersey reads a request's
 * properties from Grizzly's request attributes, so the handler in front of Jersey puts the buffer there.
 */
public final class GrizzlyOutputs extends HttpHandler {
  private static final String ATTRIBUTE = GrizzlyOutputs.class.getName() + ".output";

  private final HttpHandler next;

  /** Wraps the Jersey handler. */
  public GrizzlyOutputs(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void service(Request request, Response response) throws Exception {
    request.setAttribute(ATTRIBUTE, response.getOutputBuffer());
    next.service(request, response);
  }

  @Override
  public void start() {
    next.start();
  }

  @Override
  public void destroy() {
    next.destroy();
  }

  /** {@return Grizzly's output buffer of a request, or null when it did not come through this handler} */
  static @Nullable OutputBuffer of(ContainerRequestContext request) {
    return request.getProperty(ATTRIBUTE) instanceof OutputBuffer buffer ? buffer : null;
  }

  /** {@return Grizzly's connection of a request, or null when it did not come through the proxy's handlers} */
  static @Nullable Connection<?> connectionOf(ContainerRequestContext request) {
    return GrizzlyRequests.connection(request);
  }

  /** {@return the bytes waiting in a connection's send queue}, 0 where Grizzly does not tell or it is closed */
  static LongSupplier queuedBytes(@Nullable Connection<?> connection) {
    if (connection instanceof NIOConnection nio) {
      return () -> nio.isOpen() ? nio.getAsyncWriteQueue().spaceInBytes() : 0;
    }
    return () -> 0;
  }
}
