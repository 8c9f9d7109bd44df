package dev.kafkarest.server.v2;

import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.consumer.ConsumerInstanceId;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Consumer instances that other proxy nodes hold. With one node there are none ({@link #none()}); with
 * several behind a load balancer, {@code server.nodes} forwards their calls to the owner.
 */
public interface RemoteInstances {

  /** Serves one call for an instance held elsewhere; it answers through {@code response}, never blocking. */
  @FunctionalInterface
  interface Forward {
    void forward(ContainerRequestContext request, AsyncResponse response);
  }

  /**
   * {@return how to serve a call for an instance this node does not hold (by forwarding it to the owner),
   *     or null to answer here, which is 404/40403}
   *
   * @throws dev.kafkarest.core.error.ProxyException 404/40403 when the owner is known to be gone
   */
  @Nullable Forward locate(Identity caller, ConsumerInstanceId id, ContainerRequestContext request);

  /**
   * @throws dev.kafkarest.core.error.ProxyException 409/40902 when another node holds {@code owner}'s
   *     instance {@code id}
   */
  void checkAvailable(Identity owner, ConsumerInstanceId id);

  /** {@return a future that completes once the other nodes can find the new instance} */
  CompletableFuture<Void> created(Identity owner, ConsumerInstanceId id);

  /** {@return the single-node answer: no instance is held elsewhere} */
  static RemoteInstances none() {
    return new RemoteInstances() {
      @Override
      public @Nullable Forward locate(Identity caller, ConsumerInstanceId id, ContainerRequestContext request) {
        return null;
      }

      @Override
      public void checkAvailable(Identity owner, ConsumerInstanceId id) {}

      @Override
      public CompletableFuture<Void> created(Identity owner, ConsumerInstanceId id) {
        return CompletableFuture.completedFuture(null);
      }
    };
  }
}
