package dev.kafkarest.server.v2;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.core.access.AccessPolicy;
import dev.kafkarest.core.consumer.ConsumerRegistry;
import dev.kafkarest.core.consumer.PartitionFollowers;
import dev.kafkarest.core.consumer.PartitionReader;
import dev.kafkarest.core.metadata.MetadataService;
import dev.kafkarest.core.produce.ProduceRules;
import dev.kafkarest.core.produce.ProduceService;
import dev.kafkarest.core.produce.TopicDirectory;
import dev.kafkarest.server.config.EndpointSettings;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.routing.BaseUris;
import dev.kafkarest.server.stream.RecordStreams;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.List;

/**
 * Confluent's API v2: its resources and the writers of the produce and records responses, built from the
 * core services. Every request is checked against the {@link AccessPolicy} first ({@link AccessChecks}),
 * and produce requests against {@link ProduceRules} before anything is sent. Endpoints switched off by
 * {@code api.endpoints.allowlist} or {@code blocklist} answer 404 or 405 ({@link EndpointAccessFilter}).
 */
public final class V2Api implements Feature {
  private final List<Object> components;

  public V2Api(MetadataService metadata, ProduceService produceService, ProduceRules produceRules,
      ConsumerRegistry consumers, PartitionReader reader, PartitionFollowers followers, AccessPolicy accessPolicy,
      BaseUris baseUris, Responses responses, ObjectMapper mapper, EndpointSettings endpoints, RecordStreams streams,
      RemoteInstances remoteInstances, TopicDirectory topics) {
    AccessChecks access = new AccessChecks(accessPolicy);
    ProduceAction produce = new ProduceAction(produceService, produceRules, responses);
    this.components = List.of(
        new EndpointAccessFilter(endpoints.allowlist(), endpoints.blocklist()),
        new RootResource(),
        new TopicsResource(metadata, produce, responses, access),
        new PartitionsResource(metadata, produce, responses, access, reader, followers, streams),
        new BrokersResource(metadata, responses, access),
        new ConsumersResource(consumers, access, baseUris, responses, mapper, streams, remoteInstances, topics),
        new ProduceResponseWriter(mapper.getFactory()),
        new RecordsBodyWriter());
  }

  /**
   * {@return the filter of {@code api.endpoints.allowlist} and {@code blocklist} alone, for a server without
   *     the v2 API, whose v3 endpoints the lists still restrict}
   */
  public static ContainerRequestFilter endpointFilter(EndpointSettings endpoints) {
    return new EndpointAccessFilter(endpoints.allowlist(), endpoints.blocklist());
  }

  @Override
  public boolean configure(FeatureContext context) {
    components.forEach(context::register);
    return true;
  }
}
