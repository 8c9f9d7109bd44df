package dev.kafkarest.server;

import dev.kafkarest.server.config.CompressionSettings;
import dev.kafkarest.server.http.MalformedUriGuard;
import dev.kafkarest.server.http.RequestGuardAddOn;
import dev.kafkarest.server.http.RequestThreads;
import dev.kafkarest.server.http.UpgradeHeaderAddOn;
import dev.kafkarest.server.stream.GrizzlyOutputs;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.Objects;
import java.util.Set;
import org.glassfish.grizzly.http.CompressionConfig;
import org.glassfish.grizzly.http.CompressionConfig.CompressionMode;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.jspecify.annotations.Nullable;

/**
 * Builds the Grizzly server that runs the Jersey application on one or more listeners ({@code http} or
 * {@code https}), with the proxy's fixes to Grizzly's defaults. Every listener shares one worker pool, so
 * adding a listener adds no threads.
 */
final class GrizzlyServer {
  /** The name {@link GrizzlyHttpServerFactory} gives the first listener. */
  private static final String FIRST_LISTENER = "grizzly";

  private GrizzlyServer() {}

  /**
   * {@return a server, not yet started, that serves {@code application} on every listener}
   *
   * @param tls the https listeners' TLS configuration; null when every listener is http
   * @param compression whether and from which size responses are gzipped
   * @param guards the request limits and HTTP/1.1 checks every listener applies
   * @param threads the thread each request goes through Jersey on
   */
  static HttpServer create(List<URI> listeners, ResourceConfig application, ExecutorService workers,
      @Nullable SSLEngineConfigurator tls, CompressionSettings compression, RequestGuardAddOn guards,
      RequestThreads threads) {
    HttpServer httpServer = MalformedUriGuard.createServer(listeners.get(0), application, GrizzlyOutputs::new,
        threads);
    ServerConfiguration server = httpServer.getServerConfiguration();
    // Confluent's GET .../offsets carries a JSON body; Grizzly refuses GET bodies unless told otherwise.
    server.setAllowPayloadForUndefinedHttpMethods(true);
    for (int i = 0; i < listeners.size(); i++) {
      URI uri = listeners.get(i);
      NetworkListener network;
      if (i == 0) {
        network = httpServer.getListener(FIRST_LISTENER);
      } else {
        network = new NetworkListener(FIRST_LISTENER + "-" + i, uri.getHost(), uri.getPort());
        httpServer.addListener(network);
      }
      if (uri.getScheme().equals("https")) {
        network.setSecure(true);
        network.setSSLEngineConfig(Objects.requireNonNull(tls, "an https listener needs the TLS settings"));
      }
      network.registerAddOn(new UpgradeHeaderAddOn());
      configure(network.getCompressionConfig(), compression);
      guards.configure(network);
      network.getTransport().setWorkerThreadPool(workers);
    }
    return httpServer;
  }

  /**
   * Grizzly gzips a response when the request's {@code Accept-Encoding} names gzip and the body's known length
   * reaches the minimum (a chunked body of unknown length, such as a long-poll read, is always compressed),
   * for the media types that start with one of {@link #COMPRESSIBLE}. Streams ({@code text/event-stream},
   * {@code application/x-ndjson}) are never compressed: the deflater would hold their events back.
   */
  private static void configure(CompressionConfig config, CompressionSettings compression) {
    config.setCompressionMode(compression.enabled() ? CompressionMode.ON : CompressionMode.OFF);
    config.setCompressionMinSize(compression.minBytes());
    config.setCompressibleMimeTypes(COMPRESSIBLE);
  }

  /** Prefixes of the media types worth compressing: every answer but the streams. */
  private static final Set<String> COMPRESSIBLE = Set.of("application/json", "application/vnd.kafka",
      "application/yaml", "text/plain", "text/html", "text/css", "text/javascript", "application/javascript",
      "application/openmetrics-text");

  /** {@return the bound URI of each listener, in configuration order, with real ports once started} */
  static List<URI> boundUris(HttpServer httpServer, List<URI> listeners) {
    List<URI> bound = new ArrayList<>();
    for (int i = 0; i < listeners.size(); i++) {
      URI uri = listeners.get(i);
      NetworkListener network = httpServer.getListener(i == 0 ? FIRST_LISTENER : FIRST_LISTENER + "-" + i);
      bound.add(URI.create(uri.getScheme() + "://" + uri.getHost() + ":" + network.getPort() + "/"));
    }
    return List.copyOf(bound);
  }
}
