package dev.kafkarest.server.v3;

import dev.kafkarest.core.access.AccessPolicy;
import dev.kafkarest.core.access.ResourceAccess;
import dev.kafkarest.core.admin.ClusterAdmin;
import dev.kafkarest.core.group.ConsumerGroupService;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.routing.BaseUris;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.List;

/**
 * Confluent's API v3 subset ({@code api.v3.enable}): its resources, built from the core's
 * {@link ClusterAdmin} and {@link ConsumerGroupService}. Every request is checked against the
 * {@link AccessPolicy} first ({@link ResourceAccess}).
 */
public final class V3Api implements Feature {
  private final List<Object> components;

  public V3Api(ClusterAdmin admin, ConsumerGroupService groups, AccessPolicy accessPolicy, BaseUris baseUris,
      Responses responses) {
    ResourceAccess access = new ResourceAccess(accessPolicy);
    this.components = List.of(
        new ClustersResource(admin, access, baseUris, responses),
        new TopicsResource(admin, access, baseUris, responses),
        new TopicConfigsResource(admin, access, baseUris, responses),
        new AllTopicConfigsResource(admin, access, baseUris, responses),
        new PartitionsResource(admin, access, baseUris, responses),
        new ConsumerGroupsResource(groups, access, baseUris, responses),
        new V3ErrorType());
  }

  @Override
  public boolean configure(FeatureContext context) {
    components.forEach(context::register);
    return true;
  }
}
