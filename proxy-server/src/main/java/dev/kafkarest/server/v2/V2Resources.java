package dev.kafkarest.server.v2;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.core.consumer.ConsumerRegistry;
import dev.kafkarest.core.metadata.MetadataService;
import dev.kafkarest.core.produce.ProduceRules;
import dev.kafkarest.core.produce.ProduceService;
import dev.kafkarest.server.http.Responses;
import java.util.List;

/** Builds the v2 resource and provider instances from the core services. */
public final class V2Resources {
  private V2Resources() {}

  /**
   * {@return every v2 resource, and the writers of the produce and records responses, ready to register with
   *     Jersey; produce requests follow {@link ProduceRules#defaults()}}
   */
  public static List<Object> create(MetadataService metadata, ProduceService produceService,
      ConsumerRegistry consumers, BaseUris baseUris, Responses responses, ObjectMapper mapper) {
    return create(metadata, produceService, ProduceRules.defaults(), consumers, baseUris, responses, mapper);
  }

  /**
   * {@return every v2 resource, and the writers of the produce and records responses, ready to register with
   *     Jersey; produce requests are checked against {@code produceRules} before anything is sent}
   */
  public static List<Object> create(MetadataService metadata, ProduceService produceService,
      ProduceRules produceRules, ConsumerRegistry consumers, BaseUris baseUris, Responses responses,
      ObjectMapper mapper) {
    ProduceAction produce = new ProduceAction(produceService, produceRules, responses);
    return List.of(
        new RootResource(),
        new TopicsResource(metadata, produce, responses),
        new PartitionsResource(metadata, produce, responses),
        new BrokersResource(metadata, responses),
        new ConsumersResource(consumers, baseUris, responses, mapper),
        new ProduceResponseWriter(mapper.getFactory()),
        new RecordsBodyWriter());
  }
}
