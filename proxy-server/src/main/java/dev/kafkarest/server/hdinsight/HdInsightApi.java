package dev.kafkarest.server.hdinsight;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.core.access.AccessPolicy;
import dev.kafkarest.core.access.ResourceAccess;
import dev.kafkarest.core.consumer.PartitionReader;
import dev.kafkarest.core.metadata.MetadataService;
import dev.kafkarest.core.metadata.TopicAdmin;
import dev.kafkarest.core.produce.ProduceService;
import dev.kafkarest.server.http.Responses;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.List;

/**
 * The Azure HDInsight Kafka REST proxy's {@code /v1} API on the core services, registered only when
 * {@code api.v1.hdinsight.enable} is on. Every request is checked against the {@link AccessPolicy} first
 * ({@link ResourceAccess}).
 */
public final class HdInsightApi implements Feature {
  private final boolean enabled;
  private final List<Object> components;

  public HdInsightApi(boolean enabled, MetadataService metadata, TopicAdmin topics, ProduceService produce,
      int maxRecords, PartitionReader reader, AccessPolicy accessPolicy, Responses responses, ObjectMapper mapper) {
    this.enabled = enabled;
    ResourceAccess access = new ResourceAccess(accessPolicy);
    this.components = List.of(
        new MetadataResource(metadata, responses, access),
        new TopicsResource(topics, responses, access, mapper),
        new ProducerResource(produce, maxRecords, responses, access, mapper),
        new ConsumerResource(reader, responses, access));
  }

  @Override
  public boolean configure(FeatureContext context) {
    if (!enabled) {
      return false;
    }
    components.forEach(context::register);
    return true;
  }
}
