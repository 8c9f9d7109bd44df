package dev.kafkarest.server.v3;

import dev.kafkarest.core.access.ResourceAccess;
import dev.kafkarest.core.admin.ClusterAdmin;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.routing.BaseUris;
import dev.kafkarest.server.security.RequestIdentity;
import dev.kafkarest.server.v3.V3Responses.PartitionData;
import dev.kafkarest.server.v3.V3Responses.PartitionWithOffsetsData;
import dev.kafkarest.server.v3.V3Responses.ResourceList;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/** {@code /v3/clusters/{cluster_id}/topics/{topic_name}/partitions}: list, describe one, its offsets. */
@Path("/v3/clusters/{cluster_id}/topics/{topic_name}/partitions")
@Produces(MediaType.APPLICATION_JSON)
public final class PartitionsResource {
  /** The one {@code offset_type} Confluent accepts. */
  static final String EARLIEST_AND_LATEST = "earliest_and_latest";

  private final ClusterAdmin admin;
  private final ResourceAccess access;
  private final BaseUris baseUris;
  private final Responses responses;

  PartitionsResource(ClusterAdmin admin, ResourceAccess access, BaseUris baseUris, Responses responses) {
    this.admin = admin;
    this.access = access;
    this.baseUris = baseUris;
    this.responses = responses;
  }

  @GET
  public CompletionStage<ResourceList<PartitionData>> list(@PathParam("cluster_id") String clusterId,
      @PathParam("topic_name") String topic, @Context SecurityContext security, @Context UriInfo uri) {
    access.describeTopic(RequestIdentity.of(security), topic);
    Links links = Links.of(baseUris, uri);
    return responses.on(admin.partitions(clusterId, topic), partitions -> ResourceList.of("KafkaPartitionList",
        links.url("clusters", clusterId, "topics", topic, "partitions"), partitions,
        partition -> PartitionData.of(links, clusterId, topic, partition)));
  }

  @GET
  @Path("/{partition_id}")
  public CompletionStage<PartitionData> get(@PathParam("cluster_id") String clusterId,
      @PathParam("topic_name") String topic, @PathParam("partition_id") int partition,
      @Context SecurityContext security, @Context UriInfo uri) {
    access.describeTopic(RequestIdentity.of(security), topic);
    Links links = Links.of(baseUris, uri);
    return responses.on(admin.partition(clusterId, topic, partition),
        info -> PartitionData.of(links, clusterId, topic, info));
  }

  /** The earliest and latest offsets; {@code offset_type} may be left out or be {@code earliest_and_latest}. */
  @GET
  @Path("/{partition_id}/offset")
  public CompletionStage<PartitionWithOffsetsData> offsets(@PathParam("cluster_id") String clusterId,
      @PathParam("topic_name") String topic, @PathParam("partition_id") int partition,
      @QueryParam("offset_type") @Nullable String offsetType, @Context SecurityContext security,
      @Context UriInfo uri) {
    access.describeTopic(RequestIdentity.of(security), topic);
    if (offsetType != null && !offsetType.equals(EARLIEST_AND_LATEST)) {
      throw new ProxyException(ErrorCode.BAD_REQUEST,
          "offset_type must be " + EARLIEST_AND_LATEST + ", not '" + offsetType + "'.");
    }
    Links links = Links.of(baseUris, uri);
    return responses.on(admin.offsets(clusterId, topic, partition),
        offsets -> PartitionWithOffsetsData.of(links, clusterId, topic, partition, offsets));
  }
}
