package dev.kafkarest.server.v2;

import dev.kafkarest.core.metadata.MetadataService;
import dev.kafkarest.server.http.KafkaMediaTypes;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.security.RequestIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** {@code /topics}: list topics (those the caller may describe), describe one, produce to one. */
@Path("/topics")
@Produces(KafkaMediaTypes.V2_RESPONSE_TYPES)
public final class TopicsResource {
  private final MetadataService metadata;
  private final ProduceAction produce;
  private final Responses responses;
  private final AccessChecks access;

  TopicsResource(MetadataService metadata, ProduceAction produce, Responses responses, AccessChecks access) {
    this.access = access;
    this.metadata = metadata;
    this.produce = produce;
    this.responses = responses;
  }

  @GET
  public CompletionStage<List<String>> list(@Context SecurityContext security) {
    return responses.on(metadata.topicNames(),
        names -> access.describableTopics(RequestIdentity.of(security), names));
  }

  @GET
  @Path("/{topic}")
  public CompletionStage<TopicResponse> get(@PathParam("topic") String topic, @Context SecurityContext security) {
    access.describeTopic(RequestIdentity.of(security), topic);
    return responses.on(metadata.topic(topic), TopicResponse::of);
  }

  @POST
  @Path("/{topic}")
  @Consumes(KafkaMediaTypes.PRODUCE_TYPES)
  public CompletionStage<Response> produce(
      @PathParam("topic") String topic, @Context HttpHeaders headers, @Context SecurityContext security,
      InputStream body) {
    access.writeTopic(RequestIdentity.of(security), topic);
    return produce.produce(topic, null, headers.getMediaType(), body);
  }
}
