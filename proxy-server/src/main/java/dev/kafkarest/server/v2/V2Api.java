package dev.kafkarest.server.v2;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.core.consumer.ConsumerRegistry;
import dev.kafkarest.core.metadata.MetadataService;
import dev.kafkarest.core.produce.ProduceRules;
import dev.kafkarest.core.produce.ProduceService;
import dev.kafkarest.server.http.Responses;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.List;

/**
 * Confluent's API v2: its resources and the writers of the produce and records responses, built from the
 * core services. Produce requests are checked against {@link ProduceRules} before anything is sent.
 */
public final class V2Api implements Feature {
  private final List<Object> components;

  public V2Api(MetadataService metadata, ProduceService produceService, ProduceRules produceRules,
      ConsumerRegistry consumers, BaseUris baseUris, Responses responses, ObjectMapper mapper) {
    ProduceAction produce = new ProduceAction(produceService, produceRules, responses);
    this.components = List.of(
        new RootResource(),
        new TopicsResource(metadata, produce, responses),
        new PartitionsResource(metadata, produce, responses),
        new BrokersResource(metadata, responses),
        new ConsumersResource(consumers, baseUris, responses, mapper),
        new ProduceResponseWriter(mapper.getFactory()),
        new RecordsBodyWriter());
  }

  @Override
  public boolean configure(FeatureContext context) {
    components.forEach(context::register);
    return true;
  }
}
