package dev.kafkarest.server.v3;

import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.access.ResourceAccess;
import dev.kafkarest.core.admin.ClusterAdmin;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.routing.BaseUris;
import dev.kafkarest.server.security.RequestIdentity;
import dev.kafkarest.server.v3.V3Requests.AlterConfigBatch;
import dev.kafkarest.server.v3.V3Requests.CreateTopic;
import dev.kafkarest.server.v3.V3Requests.UpdatePartitionCount;
import dev.kafkarest.server.v3.V3Responses.ResourceList;
import dev.kafkarest.server.v3.V3Responses.TopicData;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * {@code /v3/clusters/{cluster_id}/topics}: list (only topics the caller may describe; internal ones with
 * {@code include_internal=true}), create, describe, delete, raise the partition count, and alter configs
 * in a batch.
 */
@Path("/v3/clusters/{cluster_id}/topics")
@Produces(MediaType.APPLICATION_JSON)
public final class TopicsResource {
  private final ClusterAdmin admin;
  private final ResourceAccess access;
  private final BaseUris baseUris;
  private final Responses responses;

  TopicsResource(ClusterAdmin admin, ResourceAccess access, BaseUris baseUris, Responses responses) {
    this.admin = admin;
    this.access = access;
    this.baseUris = baseUris;
    this.responses = responses;
  }

  @GET
  public CompletionStage<ResourceList<TopicData>> list(@PathParam("cluster_id") String clusterId,
      @QueryParam("include_internal") boolean includeInternal, @Context SecurityContext security,
      @Context UriInfo uri) {
    Identity caller = RequestIdentity.of(security);
    Links links = Links.of(baseUris, uri);
    return responses.on(admin.topics(clusterId, includeInternal), topics -> ResourceList.of("KafkaTopicList",
        links.url("clusters", clusterId, "topics"),
        topics.stream().filter(topic -> access.visibleTopics(caller).test(topic.name())).toList(),
        topic -> TopicData.of(links, clusterId, topic)));
  }

  /** 201 with {@code Location}; 200 when {@code validate_only} (nothing is created). */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public CompletionStage<Response> create(@PathParam("cluster_id") String clusterId, @Nullable CreateTopic body,
      @Context SecurityContext security, @Context UriInfo uri) {
    CreateTopic request = V3Requests.required(body);
    access.createTopic(RequestIdentity.of(security), request.name());
    Links links = Links.of(baseUris, uri);
    return responses.on(admin.createTopic(clusterId, request.spec(), request.isValidateOnly()), topic -> {
      TopicData data = TopicData.of(links, clusterId, topic);
      return request.isValidateOnly()
          ? Response.ok(data).build()
          : Response.created(URI.create(data.metadata().self())).entity(data).build();
    });
  }

  @GET
  @Path("/{topic_name}")
  public CompletionStage<TopicData> get(@PathParam("cluster_id") String clusterId,
      @PathParam("topic_name") String topic, @Context SecurityContext security, @Context UriInfo uri) {
    access.describeTopic(RequestIdentity.of(security), topic);
    Links links = Links.of(baseUris, uri);
    return responses.on(admin.topic(clusterId, topic), info -> TopicData.of(links, clusterId, info));
  }

  @DELETE
  @Path("/{topic_name}")
  public CompletionStage<Response> delete(@PathParam("cluster_id") String clusterId,
      @PathParam("topic_name") String topic, @Context SecurityContext security) {
    access.deleteTopic(RequestIdentity.of(security), topic);
    return responses.on(admin.deleteTopic(clusterId, topic), ignored -> Response.noContent().build());
  }

  /** Raises the partition count: {@code {"partitions_count": n}}. */
  @PATCH
  @Path("/{topic_name}")
  @Consumes(MediaType.APPLICATION_JSON)
  public CompletionStage<TopicData> updatePartitions(@PathParam("cluster_id") String clusterId,
      @PathParam("topic_name") String topic, @Nullable UpdatePartitionCount body, @Context SecurityContext security,
      @Context UriInfo uri) {
    access.alterTopic(RequestIdentity.of(security), topic);
    int count = V3Requests.required(body).count();
    Links links = Links.of(baseUris, uri);
    return responses.on(admin.increasePartitions(clusterId, topic, count),
        info -> TopicData.of(links, clusterId, info));
  }

  /** Sets and deletes several configs at once, all or none: 204. */
  @POST
  @Path("/{topic_name}/configs:alter")
  @Consumes(MediaType.APPLICATION_JSON)
  public CompletionStage<Response> alterConfigs(@PathParam("cluster_id") String clusterId,
      @PathParam("topic_name") String topic, @Nullable AlterConfigBatch body, @Context SecurityContext security) {
    access.alterTopic(RequestIdentity.of(security), topic);
    AlterConfigBatch batch = V3Requests.required(body);
    return responses.on(admin.alterTopicConfigs(clusterId, topic, batch.changes(), batch.isValidateOnly()),
        ignored -> Response.noContent().build());
  }
}
