package dev.kafkarest.server.v3;

import dev.kafkarest.core.access.ResourceAccess;
import dev.kafkarest.core.admin.ClusterAdmin;
import dev.kafkarest.core.admin.ConfigChange;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.routing.BaseUris;
import dev.kafkarest.server.security.RequestIdentity;
import dev.kafkarest.server.v3.V3Requests.UpdateConfig;
import dev.kafkarest.server.v3.V3Responses.ResourceList;
import dev.kafkarest.server.v3.V3Responses.TopicConfigData;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/** {@code /v3/clusters/{cluster_id}/topics/{topic_name}/configs}: list, describe one, set one, reset one. */
@Path("/v3/clusters/{cluster_id}/topics/{topic_name}/configs")
@Produces(MediaType.APPLICATION_JSON)
public final class TopicConfigsResource {
  private final ClusterAdmin admin;
  private final ResourceAccess access;
  private final BaseUris baseUris;
  private final Responses responses;

  TopicConfigsResource(ClusterAdmin admin, ResourceAccess access, BaseUris baseUris, Responses responses) {
    this.admin = admin;
    this.access = access;
    this.baseUris = baseUris;
    this.responses = responses;
  }

  @GET
  public CompletionStage<ResourceList<TopicConfigData>> list(@PathParam("cluster_id") String clusterId,
      @PathParam("topic_name") String topic, @Context SecurityContext security, @Context UriInfo uri) {
    access.describeTopic(RequestIdentity.of(security), topic);
    Links links = Links.of(baseUris, uri);
    return responses.on(admin.topicConfigs(clusterId, topic), configs -> ResourceList.of("KafkaTopicConfigList",
        links.url("clusters", clusterId, "topics", topic, "configs"), configs,
        config -> TopicConfigData.of(links, clusterId, config)));
  }

  @GET
  @Path("/{name}")
  public CompletionStage<TopicConfigData> get(@PathParam("cluster_id") String clusterId,
      @PathParam("topic_name") String topic, @PathParam("name") String name, @Context SecurityContext security,
      @Context UriInfo uri) {
    access.describeTopic(RequestIdentity.of(security), topic);
    Links links = Links.of(baseUris, uri);
    return responses.on(admin.topicConfig(clusterId, topic, name),
        config -> TopicConfigData.of(links, clusterId, config));
  }

  /** Sets one config: {@code {"value": "..."}}; 204. */
  @PUT
  @Path("/{name}")
  @Consumes(MediaType.APPLICATION_JSON)
  public CompletionStage<Response> update(@PathParam("cluster_id") String clusterId,
      @PathParam("topic_name") String topic, @PathParam("name") String name, @Nullable UpdateConfig body,
      @Context SecurityContext security) {
    access.alterTopic(RequestIdentity.of(security), topic);
    UpdateConfig update = V3Requests.required(body);
    return responses.on(admin.alterTopicConfigs(clusterId, topic, List.of(ConfigChange.set(name, update.value())),
        false), ignored -> Response.noContent().build());
  }

  /** Resets one config to its default; 204. */
  @DELETE
  @Path("/{name}")
  public CompletionStage<Response> reset(@PathParam("cluster_id") String clusterId,
      @PathParam("topic_name") String topic, @PathParam("name") String name, @Context SecurityContext security) {
    access.alterTopic(RequestIdentity.of(security), topic);
    return responses.on(admin.alterTopicConfigs(clusterId, topic, List.of(ConfigChange.delete(name)), false),
        ignored -> Response.noContent().build());
  }
}
