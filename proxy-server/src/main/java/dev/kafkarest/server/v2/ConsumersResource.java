package dev.kafkarest.server.v2;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.core.produce.TopicDirectory;
import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.consumer.ConsumerInstance;
import dev.kafkarest.core.consumer.ConsumerInstanceId;
import dev.kafkarest.core.consumer.ConsumerRegistry;
import dev.kafkarest.server.http.KafkaMediaTypes;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.security.RequestIdentity;
import dev.kafkarest.server.v2.ConsumerRequests.CreateConsumer;
import dev.kafkarest.server.v2.ConsumerResponses.CreatedConsumer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
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
  private final TopicDirectory topics;

  ConsumersResource(ConsumerRegistry registry, AccessChecks access, BaseUris baseUris, Responses responses,
      ObjectMapper mapper, TopicDirectory topics) {
    this.registry = registry;
    this.access = access;
    this.baseUris = baseUris;
    this.responses = responses;
    this.mapper = mapper;
    this.topics = topics;
  }

  /**
   * Creates an instance owned by the caller, who needs {@code read} on the group; see {@link
   * ConsumerRegistry#create} and {@link dev.kafkarest.core.consumer.InstanceSettings#fromRequest} for the
   * errors.
   */
  @POST
  public CreatedConsumer create(@PathParam("group") String group, @Nullable CreateConsumer body, @Context UriInfo uri,
      @Context SecurityContext security) {
    Identity caller = RequestIdentity.of(security);
    access.readGroup(caller, group);
    CreateConsumer request = body != null ? body : CreateConsumer.EMPTY;
    ConsumerInstance instance = registry.create(caller, group, request.instanceName(), request.toSettings());
    String instanceName = instance.id().name();
    return new CreatedConsumer(instanceName, baseUris.instance(uri, group, instanceName).toString());
  }

  /** {@code /consumers/{group}/instances/{instance}} and everything under it. */
  @Path("/instances/{instance}")
  public ConsumerInstanceResource instance(@PathParam("group") String group, @PathParam("instance") String name,
      @Context SecurityContext security) {
    return new ConsumerInstanceResource(new ConsumerInstanceId(group, name), RequestIdentity.of(security), registry,
        access, responses, mapper, topics);
  }
}
