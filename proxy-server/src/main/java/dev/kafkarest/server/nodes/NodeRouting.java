package dev.kafkarest.server.nodes;

import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.consumer.ConsumerInstanceId;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.nodes.NodeDirectory;
import dev.kafkarest.core.nodes.OwnedInstance;
import dev.kafkarest.core.nodes.Route;
import dev.kafkarest.server.v2.RemoteInstances;
import dev.kafkarest.server.stream.ForwardedBodies;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where a consumer-instance call goes when this node does not hold the instance, from the {@link
 * NodeDirectory}: to the live owner (forwarded, or redirected), or nowhere: 404/40403, with a message that
 * says so when the owner is known to be gone. A call another node forwarded is never forwarded again.
 */
public final class NodeRouting implements RemoteInstances {
  private static final Logger LOG = LoggerFactory.getLogger(NodeRouting.class);

  private final NodeDirectory directory;
  private final HttpForwarder forwarder;
  private final boolean redirect;
  private final Executor pool;
  private final ForwardingOutcomes outcomes;

  NodeRouting(NodeDirectory directory, HttpForwarder forwarder, boolean redirect, Executor pool,
      ForwardingOutcomes outcomes) {
    this.directory = directory;
    this.forwarder = forwarder;
    this.redirect = redirect;
    this.outcomes = outcomes;
    // A full pool must not leave a client without an answer: the step then runs where it is.
    this.pool = task -> {
      try {
        pool.execute(task);
      } catch (RejectedExecutionException e) {
        task.run();
      }
    };
  }

  @Override
  public @Nullable Forward locate(Identity caller, ConsumerInstanceId id, ContainerRequestContext request) {
    if (request.getProperty(ForwardedCallFilter.FORWARDED) != null) {
      return null;
    }
    OwnedInstance instance = OwnedInstance.of(caller, id);
    Route route = directory.route(instance);
    if (route instanceof Route.Here) {
      return null;
    }
    if (route instanceof Route.OwnerGone gone) {
      throw ownerGone(gone);
    }
    // Unknown: perhaps created on another node a moment ago; the call reads the directory up to date first.
    return new Call(caller, instance, route instanceof Route.Remote ? route : null);
  }

  @Override
  public void checkAvailable(Identity owner, ConsumerInstanceId id) {
    if (directory.ownedElsewhere(OwnedInstance.of(owner, id))) {
      throw new ProxyException(ErrorCode.CONSUMER_ALREADY_EXISTS);
    }
  }

  @Override
  public CompletableFuture<Void> created(Identity owner, ConsumerInstanceId id) {
    return directory.announce(OwnedInstance.of(owner, id));
  }

  /** One call for an instance this node does not hold. */
  private final class Call implements Forward {
    private final Identity caller;
    private final OwnedInstance instance;
    private final @Nullable Route known;

    Call(Identity caller, OwnedInstance instance, @Nullable Route known) {
      this.caller = caller;
      this.instance = instance;
      this.known = known;
    }

    /** Reads the body here, then routes, forwards and answers on the forwarding pool. */
    @Override
    public void forward(ContainerRequestContext request, AsyncResponse response) {
      byte[] body = body(request);
      CompletableFuture<Route> route = known != null ? CompletableFuture.completedFuture(known)
          : directory.sync(instance);
      route.thenComposeAsync(where -> answer(where, request, body), pool)
          .whenCompleteAsync((answer, failure) -> {
            if (failure == null) {
              // Resuming writes the head on this thread; the body is relayed from then on.
              if (response.resume(answer.response())) {
                answer.start().run();
              } else {
                answer.abandon().run();
              }
            } else {
              response.resume(translate(failure));
            }
          }, pool);
    }

    private CompletableFuture<ForwardedBodies.Relay> answer(Route where, ContainerRequestContext request,
        byte[] body) {
      if (where instanceof Route.Remote remote) {
        if (redirect) {
          outcomes.record(ForwardingOutcomes.Outcome.REDIRECTED);
          return CompletableFuture.completedFuture(ForwardedBodies.Relay.of(
              HttpForwarder.redirect(request.getUriInfo().getRequestUri(), remote.url())));
        }
        return forwarder.forward(request, caller, remote.url(), body).handle((relay, failure) -> {
          if (failure != null) {
            outcomes.record(ForwardingOutcomes.Outcome.OWNER_UNREACHABLE);
            throw translate(failure) instanceof ProxyException busy ? busy : unreachable(remote, failure);
          }
          outcomes.record(ForwardingOutcomes.Outcome.FORWARDED);
          return relay;
        });
      }
      throw where instanceof Route.OwnerGone gone ? ownerGone(gone)
          : new ProxyException(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND);
    }
  }

  private static byte[] body(ContainerRequestContext request) {
    if (!request.hasEntity()) {
      return new byte[0];
    }
    try (InputStream in = request.getEntityStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ProxyException(ErrorCode.BAD_REQUEST, "The request body could not be read.");
    }
  }

  private static Throwable translate(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }

  /** Counts a call whose instance's node is gone and {@return its 404/40403, naming that node} */
  private ProxyException ownerGone(Route.OwnerGone gone) {
    outcomes.record(ForwardingOutcomes.Outcome.OWNER_GONE);
    return new ProxyException(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND, "Consumer instance not found: the proxy node "
        + gone.nodeId() + " that held it is gone. Create a new instance.");
  }

  private static ProxyException unreachable(Route.Remote remote, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    LOG.info("Forwarding to node {} at {} failed: {}", remote.nodeId(), remote.url(), cause.toString());
    return new ProxyException(ErrorCode.SERVICE_UNAVAILABLE, "The proxy node " + remote.nodeId()
        + " that holds this consumer instance does not answer; retry, or create a new instance if it stays away.");
  }
}
