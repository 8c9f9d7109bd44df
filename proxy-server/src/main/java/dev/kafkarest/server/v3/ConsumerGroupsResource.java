package dev.kafkarest.server.v3;

import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.access.ResourceAccess;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.group.ConsumerGroupService;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.routing.BaseUris;
import dev.kafkarest.server.security.RequestIdentity;
import dev.kafkarest.server.v3.V3Responses.ConsumerAssignmentData;
import dev.kafkarest.server.v3.V3Responses.ConsumerData;
import dev.kafkarest.server.v3.V3Responses.ConsumerGroupData;
import dev.kafkarest.server.v3.V3Responses.ConsumerLagData;
import dev.kafkarest.server.v3.V3Responses.LagSummaryData;
import dev.kafkarest.server.v3.V3Responses.ResourceList;
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
 * {@code /v3/clusters/{cluster_id}/consumer-groups}: groups (only those the caller may describe), one group,
 * its consumers and their assignments, and its lags (only on topics the caller may describe) as a list, per
 * partition and as a summary.
 */
@Path("/v3/clusters/{cluster_id}/consumer-groups")
@Produces(MediaType.APPLICATION_JSON)
public final class ConsumerGroupsResource {
  private final ConsumerGroupService groups;
  private final ResourceAccess access;
  private final BaseUris baseUris;
  private final Responses responses;

  ConsumerGroupsResource(ConsumerGroupService groups, ResourceAccess access, BaseUris baseUris, Responses responses) {
    this.groups = groups;
    this.access = access;
    this.baseUris = baseUris;
    this.responses = responses;
  }

  @GET
  public CompletionStage<ResourceList<ConsumerGroupData>> list(@PathParam("cluster_id") String clusterId,
      @Context SecurityContext security, @Context UriInfo uri) {
    Links links = Links.of(baseUris, uri);
    return responses.on(groups.groups(clusterId, access.visibleGroups(RequestIdentity.of(security))),
        all -> ResourceList.of("KafkaConsumerGroupList", links.url("clusters", clusterId, "consumer-groups"), all,
            group -> ConsumerGroupData.of(links, clusterId, group)));
  }

  @GET
  @Path("/{consumer_group_id}")
  public CompletionStage<ConsumerGroupData> get(@PathParam("cluster_id") String clusterId,
      @PathParam("consumer_group_id") String groupId, @Context SecurityContext security, @Context UriInfo uri) {
    access.describeGroup(RequestIdentity.of(security), groupId);
    Links links = Links.of(baseUris, uri);
    return responses.on(groups.group(clusterId, groupId), group -> ConsumerGroupData.of(links, clusterId, group));
  }

  @GET
  @Path("/{consumer_group_id}/consumers")
  public CompletionStage<ResourceList<ConsumerData>> consumers(@PathParam("cluster_id") String clusterId,
      @PathParam("consumer_group_id") String groupId, @Context SecurityContext security, @Context UriInfo uri) {
    access.describeGroup(RequestIdentity.of(security), groupId);
    Links links = Links.of(baseUris, uri);
    return responses.on(groups.group(clusterId, groupId), group -> ResourceList.of("KafkaConsumerList",
        links.url("clusters", clusterId, "consumer-groups", groupId, "consumers"), group.consumers(),
        consumer -> ConsumerData.of(links, clusterId, groupId, consumer)));
  }

  @GET
  @Path("/{consumer_group_id}/consumers/{consumer_id}")
  public CompletionStage<ConsumerData> consumer(@PathParam("cluster_id") String clusterId,
      @PathParam("consumer_group_id") String groupId, @PathParam("consumer_id") String consumerId,
      @Context SecurityContext security, @Context UriInfo uri) {
    access.describeGroup(RequestIdentity.of(security), groupId);
    Links links = Links.of(baseUris, uri);
    return responses.on(groups.consumer(clusterId, groupId, consumerId),
        consumer -> ConsumerData.of(links, clusterId, groupId, consumer));
  }

  @GET
  @Path("/{consumer_group_id}/consumers/{consumer_id}/assignments")
  public CompletionStage<ResourceList<ConsumerAssignmentData>> assignments(@PathParam("cluster_id") String clusterId,
      @PathParam("consumer_group_id") String groupId, @PathParam("consumer_id") String consumerId,
      @Context SecurityContext security, @Context UriInfo uri) {
    access.describeGroup(RequestIdentity.of(security), groupId);
    Links links = Links.of(baseUris, uri);
    return responses.on(groups.consumer(clusterId, groupId, consumerId), consumer -> ResourceList.of(
        "KafkaConsumerAssignmentList",
        links.url("clusters", clusterId, "consumer-groups", groupId, "consumers", consumerId, "assignments"),
        consumer.assignments(), assigned -> ConsumerAssignmentData.of(links, clusterId, groupId, consumerId, assigned)));
  }

  @GET
  @Path("/{consumer_group_id}/consumers/{consumer_id}/assignments/{topic_name}/partitions/{partition_id}")
  public CompletionStage<ConsumerAssignmentData> assignment(@PathParam("cluster_id") String clusterId,
      @PathParam("consumer_group_id") String groupId, @PathParam("consumer_id") String consumerId,
      @PathParam("topic_name") String topic, @PathParam("partition_id") int partition,
      @Context SecurityContext security, @Context UriInfo uri) {
    access.describeGroup(RequestIdentity.of(security), groupId);
    Links links = Links.of(baseUris, uri);
    return responses.on(groups.consumer(clusterId, groupId, consumerId), consumer -> consumer.assignments().stream()
        .filter(assigned -> assigned.topic().equals(topic) && assigned.partition() == partition)
        .findFirst()
        .map(assigned -> ConsumerAssignmentData.of(links, clusterId, groupId, consumerId, assigned))
        .orElseThrow(() -> new ProxyException(ErrorCode.NOT_FOUND, "Consumer " + consumerId
            + " is not assigned partition " + partition + " of topic " + topic + ".")));
  }

  /** Confluent's order: largest lag first, then topic, then partition; 404 when nothing is committed. */
  @GET
  @Path("/{consumer_group_id}/lags")
  public CompletionStage<ResourceList<ConsumerLagData>> lags(@PathParam("cluster_id") String clusterId,
      @PathParam("consumer_group_id") String groupId, @Context SecurityContext security, @Context UriInfo uri) {
    Identity caller = RequestIdentity.of(security);
    access.describeGroup(caller, groupId);
    Links links = Links.of(baseUris, uri);
    return responses.on(groups.lags(clusterId, groupId, access.visibleTopics(caller)), lags -> ResourceList.of(
        "KafkaConsumerLagList", links.url("clusters", clusterId, "consumer-groups", groupId, "lags"), lags,
        lag -> ConsumerLagData.of(links, clusterId, groupId, lag)));
  }

  @GET
  @Path("/{consumer_group_id}/lags/{topic_name}/partitions/{partition_id}")
  public CompletionStage<ConsumerLagData> lag(@PathParam("cluster_id") String clusterId,
      @PathParam("consumer_group_id") String groupId, @PathParam("topic_name") String topic,
      @PathParam("partition_id") int partition, @Context SecurityContext security, @Context UriInfo uri) {
    Identity caller = RequestIdentity.of(security);
    access.describeGroup(caller, groupId);
    access.describeTopic(caller, topic);
    Links links = Links.of(baseUris, uri);
    return responses.on(groups.lag(clusterId, groupId, topic, partition),
        lag -> ConsumerLagData.of(links, clusterId, groupId, lag));
  }

  @GET
  @Path("/{consumer_group_id}/lag-summary")
  public CompletionStage<LagSummaryData> lagSummary(@PathParam("cluster_id") String clusterId,
      @PathParam("consumer_group_id") String groupId, @Context SecurityContext security, @Context UriInfo uri) {
    Identity caller = RequestIdentity.of(security);
    access.describeGroup(caller, groupId);
    Links links = Links.of(baseUris, uri);
    return responses.on(groups.lagSummary(clusterId, groupId, access.visibleTopics(caller)),
        summary -> LagSummaryData.of(links, clusterId, groupId, summary));
  }
}
