package dev.kafkarest.server.v2;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.core.produce.TopicDirectory;
import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.consumer.ConsumerInstance;
import dev.kafkarest.core.consumer.ConsumerInstanceId;
import dev.kafkarest.core.consumer.ConsumerRegistry;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.server.http.KafkaMediaTypes;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.routing.BaseUris;
import dev.kafkarest.server.security.RequestIdentity;
import dev.kafkarest.server.v2.ConsumerRequests.CreateConsumer;
import dev.kafkarest.server.v2.ConsumerResponses.CreatedConsumer;
import dev.kafkarest.server.stream.RecordStreams;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * {@code /consumers/{group}}: creates consumer instances, and hands each instance's URLs to a {@link
 * ConsumerInstanceResource}.
 */
@Path("/consumers/{group}")
@Produces(KafkaMediaTypes.CONSUMER_RESPONSE_TYPES)
@Consumes(KafkaMediaTypes.V2_REQUEST_TYPES)
public final class ConsumersResource {
  private final ConsumerRegistry registry;
  private final AccessChecks access;
  private final BaseUris baseUris;
  private final Responses responses;
  private final ObjectMapper mapper;
  private final RecordStreams streams;
  private final RemoteInstances remote;
  private final TopicDirectory topics;

  ConsumersResource(ConsumerRegistry registry, AccessChecks access, BaseUris baseUris, Responses responses,
      ObjectMapper mapper, RecordStreams streams, RemoteInstances remote, TopicDirectory topics) {
    this.registry = registry;
    this.remote = remote;
    this.access = access;
    this.baseUris = baseUris;
    this.responses = responses;
    this.mapper = mapper;
    this.streams = streams;
    this.topics = topics;
  }

  /**
   * Creates an instance owned by the caller, who needs {@code read} on the group; see {@link
   * ConsumerRegistry#create} and {@link dev.kafkarest.core.consumer.InstanceSettings#fromRequest} for the
   * errors.
   */
  @POST
  public CompletionStage<CreatedConsumer> create(@PathParam("group") String group, @Nullable CreateConsumer body,
      @Context UriInfo uri, @Context SecurityContext security) {
    Identity caller = RequestIdentity.of(security);
    access.readGroup(caller, group);
    CreateConsumer request = body != null ? body : CreateConsumer.EMPTY;
    if (request.instanceName() != null) {
      remote.checkAvailable(caller, new ConsumerInstanceId(group, request.instanceName()));
    }
    ConsumerInstance instance = registry.create(caller, group, request.instanceName(), request.toSettings());
    String instanceName = instance.id().name();
    CreatedConsumer created = new CreatedConsumer(instanceName, baseUris.instance(uri, group, instanceName).toString());
    CompletableFuture<Void> published = remote.created(caller, instance.id());
    if (published.isDone() && !published.isCompletedExceptionally()) {
      return CompletableFuture.completedFuture(created);
    }
    return responses.on(published.exceptionally(failure -> {
      registry.delete(caller, group, instanceName);
      throw new ProxyException(ErrorCode.SERVICE_UNAVAILABLE,
          "The other proxy nodes could not be told of the new instance; it was deleted. Try again.");
    }), ignored -> created);
  }

  /**
   * {@code /consumers/{group}/instances/{instance}} and everything under it: a {@link
   * ConsumerInstanceResource} when this node holds the instance (or no node does), else a {@link
   * RemoteInstanceResource} that serves it as {@link RemoteInstances} says; for an instance this node does not
   * hold, the caller's {@code read} on the group is checked before anything is looked up.
   */
  @Path("/instances/{instance}")
  public InstanceResource instance(@PathParam("group") String group, @PathParam("instance") String name,
      @Context ContainerRequestContext request) {
    // The identity from the request's property: one injected context per call (of every call to an instance).
    Identity caller = RequestIdentity.of(request);
    ConsumerInstanceId id = new ConsumerInstanceId(group, name);
    if (!registry.holds(caller, id)) {
      // The group first, as on the instance's own node: a caller without read on it learns nothing of the
      // instance, not even that its node is gone.
      access.readGroup(caller, group);
      RemoteInstances.Forward elsewhere = remote.locate(caller, id, request);
      if (elsewhere != null) {
        return new RemoteInstanceResource(elsewhere);
      }
    }
    return new ConsumerInstanceResource(id, caller, registry, access, responses, mapper, streams, topics);
  }
}
