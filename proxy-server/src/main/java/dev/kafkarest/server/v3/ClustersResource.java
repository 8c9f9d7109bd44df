package dev.kafkarest.server.v3;

import dev.kafkarest.core.access.ResourceAccess;
import dev.kafkarest.core.admin.ClusterAdmin;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.routing.BaseUris;
import dev.kafkarest.server.security.RequestIdentity;
import dev.kafkarest.server.v3.V3Responses.BrokerData;
import dev.kafkarest.server.v3.V3Responses.ClusterData;
import dev.kafkarest.server.v3.V3Responses.ResourceList;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** {@code /v3/clusters}: the one cluster the proxy serves, and its brokers. */
@Path("/v3/clusters")
@Produces(MediaType.APPLICATION_JSON)
public final class ClustersResource {
  private final ClusterAdmin admin;
  private final ResourceAccess access;
  private final BaseUris baseUris;
  private final Responses responses;

  ClustersResource(ClusterAdmin admin, ResourceAccess access, BaseUris baseUris, Responses responses) {
    this.admin = admin;
    this.access = access;
    this.baseUris = baseUris;
    this.responses = responses;
  }

  @GET
  public CompletionStage<ResourceList<ClusterData>> list(@Context SecurityContext security, @Context UriInfo uri) {
    access.describeCluster(RequestIdentity.of(security));
    Links links = Links.of(baseUris, uri);
    return responses.on(admin.cluster(), cluster ->
        ResourceList.of("KafkaClusterList", links.url("clusters"), List.of(cluster), c -> ClusterData.of(links, c)));
  }

  @GET
  @Path("/{cluster_id}")
  public CompletionStage<ClusterData> get(@PathParam("cluster_id") String clusterId,
      @Context SecurityContext security, @Context UriInfo uri) {
    access.describeCluster(RequestIdentity.of(security));
    Links links = Links.of(baseUris, uri);
    return responses.on(admin.cluster(clusterId), cluster -> ClusterData.of(links, cluster));
  }

  @GET
  @Path("/{cluster_id}/brokers")
  public CompletionStage<ResourceList<BrokerData>> brokers(@PathParam("cluster_id") String clusterId,
      @Context SecurityContext security, @Context UriInfo uri) {
    access.describeCluster(RequestIdentity.of(security));
    Links links = Links.of(baseUris, uri);
    return responses.on(admin.cluster(clusterId), cluster -> ResourceList.of("KafkaBrokerList",
        links.url("clusters", clusterId, "brokers"), cluster.brokers(), b -> BrokerData.of(links, clusterId, b)));
  }

  @GET
  @Path("/{cluster_id}/brokers/{broker_id}")
  public CompletionStage<BrokerData> broker(@PathParam("cluster_id") String clusterId,
      @PathParam("broker_id") int brokerId, @Context SecurityContext security, @Context UriInfo uri) {
    access.describeCluster(RequestIdentity.of(security));
    Links links = Links.of(baseUris, uri);
    return responses.on(admin.broker(clusterId, brokerId), broker -> BrokerData.of(links, clusterId, broker));
  }
}
