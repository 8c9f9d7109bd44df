package dev.kafkarest.server.v2;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.core.access.AccessPolicy;
import dev.kafkarest.core.consumer.ConsumerRegistry;
import dev.kafkarest.core.metadata.MetadataService;
import dev.kafkarest.core.produce.ProduceRules;
import dev.kafkarest.core.produce.ProduceService;
import dev.kafkarest.core.produce.TopicDirectory;
import dev.kafkarest.server.http.Responses;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.List;

/**
 * Confluent's API v2: its resources and the writers of the produce and records responses, built from the
 * core services. Every request is checked against the {@link AccessPolicy} first ({@link AccessChecks}),
 * and produce requests against {@link ProduceRules} before anything is sent.
 */
public final class V2Api implements Feature {
  private final List<Object> components;

  public V2Api(MetadataService metadata, ProduceService produceService, ProduceRules produceRules,
      ConsumerRegistry consumers, AccessPolicy accessPolicy, BaseUris baseUris, Responses responses,
      ObjectMapper mapper, TopicDirectory topics) {
    AccessChecks access = new AccessChecks(accessPolicy);
    ProduceAction produce = new ProduceAction(produceService, produceRules, responses);
    this.components = List.of(
        new RootResource(),
        new TopicsResource(metadata, produce, responses, access),
        new PartitionsResource(metadata, produce, responses, access),
        new BrokersResource(metadata, responses, access),
        new ConsumersResource(consumers, access, baseUris, responses, mapper, topics),
        new ProduceResponseWriter(mapper.getFactory()),
        new RecordsBodyWriter());
  }

  @Override
  public boolean configure(FeatureContext context) {
    components.forEach(context::register);
    return true;
  }
}
