package dev.kafkarest.server.v3;

import dev.kafkarest.core.access.ResourceAccess;
import dev.kafkarest.core.admin.ClusterAdmin;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.routing.BaseUris;
import dev.kafkarest.server.security.RequestIdentity;
import dev.kafkarest.server.v3.V3Responses.ResourceList;
import dev.kafkarest.server.v3.V3Responses.TopicConfigData;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /v3/clusters/{cluster_id}/topics/-/configs}: the configs of every topic the caller may describe,
 * by topic then config name. A root of its own: its literal {@code -} wins over {@code {topic_name}}.
 */
@Path("/v3/clusters/{cluster_id}/topics/-/configs")
@Produces(MediaType.APPLICATION_JSON)
public final class AllTopicConfigsResource {
  private final ClusterAdmin admin;
  private final ResourceAccess access;
  private final BaseUris baseUris;
  private final Responses responses;

  AllTopicConfigsResource(ClusterAdmin admin, ResourceAccess access, BaseUris baseUris, Responses responses) {
    this.admin = admin;
    this.access = access;
    this.baseUris = baseUris;
    this.responses = responses;
  }

  @GET
  public CompletionStage<ResourceList<TopicConfigData>> list(@PathParam("cluster_id") String clusterId,
      @Context SecurityContext security, @Context UriInfo uri) {
    Links links = Links.of(baseUris, uri);
    return responses.on(admin.allTopicConfigs(clusterId, access.visibleTopics(RequestIdentity.of(security))),
        configs -> ResourceList.of("KafkaTopicConfigList", links.url("clusters", clusterId, "topics", "-", "configs"),
            configs, config -> TopicConfigData.of(links, clusterId, config)));
  }
}
