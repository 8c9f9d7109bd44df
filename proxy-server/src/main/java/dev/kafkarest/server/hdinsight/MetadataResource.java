package dev.kafkarest.server.hdinsight;

import dev.kafkarest.core.access.ResourceAccess;
import dev.kafkarest.core.metadata.MetadataService;
import dev.kafkarest.core.metadata.PartitionMetadata;
import dev.kafkarest.server.hdinsight.HdInsightMetadata.BrokerEndpoint;
import dev.kafkarest.server.hdinsight.HdInsightMetadata.Partition;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.security.RequestIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code /v1/metadata}: brokers, topics and partitions, with each partition's offsets and replicas. */
@Path("/v1/metadata")
@Produces(MediaType.APPLICATION_JSON)
public final class MetadataResource {
  private final MetadataService metadata;
  private final Responses responses;
  private final ResourceAccess access;

  MetadataResource(MetadataService metadata, Responses responses, ResourceAccess access) {
    this.metadata = metadata;
    this.responses = responses;
    this.access = access;
  }

  @GET
  @Path("/brokers")
  public CompletionStage<HdInsightMetadata.Brokers> brokers(@Context SecurityContext security) {
    access.describeCluster(RequestIdentity.of(security));
    return responses.on(metadata.brokers(),
        brokers -> new HdInsightMetadata.Brokers(brokers.stream().map(BrokerEndpoint::of).toList()));
  }

  /** The topics the caller may describe (a listing is filtered, never refused). */
  @GET
  @Path("/topics")
  public CompletionStage<HdInsightMetadata.Topics> topics(@Context SecurityContext security) {
    var caller = RequestIdentity.of(security);
    return responses.on(metadata.topicNames(),
        names -> new HdInsightMetadata.Topics(access.describableTopics(caller, names)));
  }

  @GET
  @Path("/topics/{topic}/partitions")
  public CompletionStage<HdInsightMetadata.TopicPartitions> partitions(@PathParam("topic") String topic,
      @Context SecurityContext security) {
    access.describeTopic(RequestIdentity.of(security), topic);
    return responses.on(describe(topic, metadata.partitions(topic)),
        partitions -> new HdInsightMetadata.TopicPartitions(topic, partitions));
  }

  @GET
  @Path("/topics/{topic}/partitions/{partition}")
  public CompletionStage<Partition> partition(@PathParam("topic") String topic,
      @PathParam("partition") String partition, @Context SecurityContext security) {
    access.describeTopic(RequestIdentity.of(security), topic);
    int id = HdInsightParams.partition(topic, partition);
    return responses.on(describe(topic, metadata.partition(topic, id).thenApply(List::of)), all -> all.get(0));
  }

  private CompletableFuture<List<Partition>> describe(String topic,
      CompletableFuture<List<PartitionMetadata>> partitions) {
    CompletableFuture<Map<Integer, BrokerEndpoint>> brokers = metadata.brokers().thenApply(all -> all.stream()
        .map(BrokerEndpoint::of).collect(Collectors.toMap(BrokerEndpoint::id, Function.identity())));
    return partitions.thenCompose(described -> metadata
        .offsets(topic, described.stream().map(PartitionMetadata::partition).toList())
        .thenCombine(brokers, (offsets, byId) -> described.stream()
            .map(p -> Partition.of(p, offsets.get(p.partition()), byId))
            .toList()));
  }
}
