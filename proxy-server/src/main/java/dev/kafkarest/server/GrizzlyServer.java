package dev.kafkarest.server;

import dev.kafkarest.server.http.MalformedUriGuard;
import dev.kafkarest.server.http.UpgradeHeaderAddOn;
import java.net.URI;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** Builds the Grizzly server that runs the Jersey application, with the proxy's fixes to Grizzly's defaults. */
final class GrizzlyServer {
  /** The name {@link GrizzlyHttpServerFactory} gives its one listener. */
  private static final String LISTENER = "grizzly";

  private GrizzlyServer() {}

  /** {@return a server, not yet started, that serves {@code application} on {@code listener}} */
  static HttpServer create(URI listener, ResourceConfig application, ThreadPoolConfig workers) {
    HttpServer httpServer = GrizzlyHttpServerFactory.createHttpServer(listener, application, false);
    ServerConfiguration server = httpServer.getServerConfiguration();
    HttpHandler jersey = server.getHttpHandlers().keySet().iterator().next();
    server.removeHttpHandler(jersey);
    server.addHttpHandler(new MalformedUriGuard(jersey), HttpHandlerRegistration.ROOT);
    // Confluent's GET .../offsets carries a JSON body; Grizzly refuses GET bodies unless told otherwise.
    server.setAllowPayloadForUndefinedHttpMethods(true);
    NetworkListener network = listener(httpServer);
    network.registerAddOn(new UpgradeHeaderAddOn());
    network.getTransport().setWorkerThreadPoolConfig(workers);
    return httpServer;
  }

  /** {@return the server's listener, whose port is the real one once started} */
  static NetworkListener listener(HttpServer httpServer) {
    return httpServer.getListener(LISTENER);
  }
}
