package dev.kafkarest.server.nodes;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.core.nodes.NodeDirectory;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.net.http.HttpClient;
import java.time.Clock;
import dev.kafkarest.server.stream.ForwardedBodies;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * Several nodes behind one load balancer, as one Jersey feature: it checks the signed identity on calls
 * other nodes forward here, and gives the v2 API its {@link NodeRouting}.
 */
public final class NodesFeature implements Feature {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private final NodeSignature signature;
  private final NodeRouting routing;

  /**
   * @param forwardPool runs the HTTP client; bounded by the caller
   * @param relays writes the owners' answers back to the clients
   * @param outcomes counts where calls for instances held elsewhere went
   */
  public NodesFeature(NodesSettings settings, String nodeId, NodeDirectory directory, ExecutorService forwardPool,
      ForwardedBodies relays, ObjectMapper json, ForwardingOutcomes outcomes) {
    this.signature = new NodeSignature(settings.secret(), Clock.systemUTC(), json);
    HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT)
        .executor(forwardPool)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    HttpForwarder forwarder = new HttpForwarder(client, relays, signature, nodeId, settings.forwardTimeout());
    this.routing = new NodeRouting(directory, forwarder, settings.redirect(), forwardPool, outcomes);
  }

  /** {@return how the v2 API finds instances held by other nodes} */
  public NodeRouting routing() {
    return routing;
  }

  @Override
  public boolean configure(FeatureContext context) {
    context.register(new ForwardedCallFilter(signature));
    return true;
  }
}
