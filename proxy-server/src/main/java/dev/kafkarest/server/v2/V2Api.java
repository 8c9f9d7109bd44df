package dev.kafkarest.server.v2;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.core.consumer.ConsumerRegistry;
import dev.kafkarest.core.metadata.MetadataService;
import dev.kafkarest.core.produce.ProduceService;
import dev.kafkarest.server.http.Responses;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.List;

/** Confluent's API v2: its resources and response writers, built from the core services. */
public final class V2Api implements Feature {
  private final List<Object> components;

  public V2Api(MetadataService metadata, ProduceService produce, ConsumerRegistry consumers, BaseUris baseUris,
      Responses responses, ObjectMapper mapper) {
    this.components = V2Resources.create(metadata, produce, consumers, baseUris, responses, mapper);
  }

  @Override
  public boolean configure(FeatureContext context) {
    components.forEach(context::register);
    return true;
  }
}
