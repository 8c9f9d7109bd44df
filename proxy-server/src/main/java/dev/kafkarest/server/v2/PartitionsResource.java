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

/** {@code /topics/{topic}/partitions}: list, describe, offsets, and produce to one partition. */
@Path("/topics/{topic}/partitions")
@Produces(KafkaMediaTypes.V2_RESPONSE_TYPES)
public final class PartitionsResource {
  private final MetadataService metadata;
  private final ProduceAction produce;
  private final Responses responses;
  private final AccessChecks access;

  PartitionsResource(MetadataService metadata, ProduceAction produce, Responses responses, AccessChecks access) {
    this.access = access;
    this.metadata = metadata;
    this.produce = produce;
    this.responses = responses;
  }

  @GET
  public CompletionStage<List<PartitionResponse>> list(
      @PathParam("topic") String topic, @Context SecurityContext security) {
    access.describeTopic(RequestIdentity.of(security), topic);
    return responses.on(metadata.partitions(topic), all -> all.stream().map(PartitionResponse::of).toList());
  }

  @GET
  @Path("/{partition}")
  public CompletionStage<PartitionResponse> get(@PathParam("topic") String topic,
      @PathParam("partition") String partition, @Context SecurityContext security) {
    access.describeTopic(RequestIdentity.of(security), topic);
    int id = PathParams.partition(topic, partition);
    return responses.on(metadata.partition(topic, id), PartitionResponse::of);
  }

  @GET
  @Path("/{partition}/offsets")
  public CompletionStage<PartitionOffsetsResponse> offsets(@PathParam("topic") String topic,
      @PathParam("partition") String partition, @Context SecurityContext security) {
    access.describeTopic(RequestIdentity.of(security), topic);
    int id = PathParams.partition(topic, partition);
    return responses.on(metadata.offsets(topic, id),
        offsets -> new PartitionOffsetsResponse(offsets.beginningOffset(), offsets.endOffset()));
  }

  @POST
  @Path("/{partition}")
  @Consumes(KafkaMediaTypes.PRODUCE_TYPES)
  public CompletionStage<Response> produce(
      @PathParam("topic") String topic, @PathParam("partition") String partition,
      @Context HttpHeaders headers, @Context SecurityContext security, InputStream body) {
    access.writeTopic(RequestIdentity.of(security), topic);
    int id = PathParams.partition(topic, partition);
    return produce.produce(topic, id, headers.getMediaType(), body);
  }
}
