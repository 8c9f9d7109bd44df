package dev.kafkarest.server.v2;

import dev.kafkarest.core.consumer.PartitionFollowers;
import dev.kafkarest.core.consumer.PartitionRead;
import dev.kafkarest.core.consumer.PartitionReader;
import dev.kafkarest.core.consumer.ReadBatch;
import dev.kafkarest.core.consumer.RecordsBody;
import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.metadata.MetadataService;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.server.http.QueryValues;
import dev.kafkarest.server.http.KafkaMediaTypes;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.security.RequestIdentity;
import dev.kafkarest.server.stream.EventIds;
import dev.kafkarest.server.stream.Framing;
import dev.kafkarest.server.stream.PartitionSource;
import dev.kafkarest.server.stream.RecordStreams;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * {@code /topics/{topic}/partitions}: list, describe, offsets, produce to one partition, and the stateless
 * reads by offset (the proxy's {@code /records}, also as a stream, and v1's simple read {@code /messages}).
 */
@Path("/topics/{topic}/partitions")
@Produces(KafkaMediaTypes.V2_RESPONSE_TYPES)
public final class PartitionsResource {
  private final MetadataService metadata;
  private final ProduceAction produce;
  private final Responses responses;
  private final AccessChecks access;
  private final PartitionReader reader;
  private final PartitionFollowers followers;
  private final RecordStreams streams;

  PartitionsResource(MetadataService metadata, ProduceAction produce, Responses responses, AccessChecks access,
      PartitionReader reader, PartitionFollowers followers, RecordStreams streams) {
    this.access = access;
    this.reader = reader;
    this.followers = followers;
    this.streams = streams;
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

  /**
   * Reads records from an offset without a consumer instance. The Accept header picks the format (binary
   * unless a type names json); the body is v2's records array, and the {@code NextOffset} header says where
   * the next read starts.
   */
  @GET
  @Path("/{partition}/records")
  @Produces(KafkaMediaTypes.RECORDS_RESPONSE_TYPES)
  public CompletionStage<Response> records(@PathParam("topic") String topic,
      @PathParam("partition") String partition, @QueryParam("offset") @Nullable String offset,
      @QueryParam("count") @Nullable String count, @QueryParam("max_bytes") @Nullable String maxBytes,
      @QueryParam("timeout") @Nullable String timeout, @Context HttpHeaders headers,
      @Context SecurityContext security) {
    access.readTopics(RequestIdentity.of(security), List.of(topic));
    int id = PathParams.partition(topic, partition);
    int maxCount = reader.settings().maxCount();
    PartitionRead request = new PartitionRead(topic, id, requiredOffset(offset),
        QueryValues.count("count", count, maxCount, maxCount), QueryValues.longValue("max_bytes", maxBytes, -1),
        QueryValues.longValue("timeout", timeout, 0));
    return read(request, headers, V2RecordsWriter.FACTORY, "v2");
  }

  /**
   * Streams a partition from an offset without a consumer instance ({@code docs/streaming.md}): server-sent
   * events for {@code Accept: text/event-stream}, NDJSON for {@code application/x-ndjson}, framed as the
   * consumer instances' streams. A {@code Last-Event-ID} that names this partition resumes right after the
   * offset it names, instead of {@code offset}. The records are in {@code format} ({@code binary} unless
   * it, or a v2 records type in the Accept header, says {@code json}). Authorized as the plain read; the
   * offset is checked before the response starts (404, 416/41601), and beyond {@code stream.partitions.max}
   * open streams the call is refused with 429.
   */
  @GET
  @Path("/{partition}/records")
  @Produces(Framing.STREAM_TYPES)
  public CompletionStage<Response> stream(@PathParam("topic") String topic,
      @PathParam("partition") String partition, @QueryParam("offset") @Nullable String offset,
      @QueryParam("format") @Nullable String format, @HeaderParam("Last-Event-ID") @Nullable String lastEventId,
      @Context HttpHeaders headers, @Context ContainerRequestContext request, @Context SecurityContext security) {
    access.readTopics(RequestIdentity.of(security), List.of(topic));
    int id = PathParams.partition(topic, partition);
    long from = requiredOffset(offset);
    Long resume = EventIds.resumeOffsets(lastEventId).get(new TopicPartition(topic, id));
    List<MediaType> acceptable = headers.getAcceptableMediaTypes();
    Framing framing = Framing.negotiate(acceptable);
    EmbeddedFormat embedded = format == null || format.isBlank()
        ? KafkaMediaTypes.requestedFormat(acceptable, EmbeddedFormat.BINARY)
        : EmbeddedFormat.fromName(format.strip());
    CompletableFuture<PartitionFollowers.Follower> opened =
        followers.open(topic, id, resume != null ? resume : from, embedded);
    CompletionStage<Response> response = responses.on(opened,
        follower -> streams.open(request, framing, new PartitionSource(follower), V2RecordsWriter.RENDERER));
    // A stream that never started (no response thread took it, opening it failed) gives its place back.
    response.whenComplete((started, error) -> {
      if (error != null) {
        opened.thenAccept(PartitionFollowers.Follower::close);
      }
    });
    return response;
  }

  /**
   * {@code HEAD} of a read by offset is 405 (Allow: GET): Jersey would run the read, or open a stream that writes
   * nothing and holds one of {@code stream.partitions.max} until the client goes.
   */
  @HEAD
  @Path("/{partition}/records")
  @Produces(MediaType.WILDCARD)
  public Response recordsHead() {
    throw ConsumerInstanceResource.headOfRead();
  }

  /**
   * Confluent v1's simple read: records from {@code offset}, at most {@code count} (default 1), without
   * the {@code topic} field, answered with v1 media types unless the client asks for v2.
   */
  @GET
  @Path("/{partition}/messages")
  @Produces(KafkaMediaTypes.RECORDS_RESPONSE_TYPES)
  public CompletionStage<Response> messages(@PathParam("topic") String topic,
      @PathParam("partition") String partition, @QueryParam("offset") @Nullable String offset,
      @QueryParam("count") @Nullable String count, @Context HttpHeaders headers,
      @Context SecurityContext security) {
    access.readTopics(RequestIdentity.of(security), List.of(topic));
    int id = PathParams.partition(topic, partition);
    PartitionRead request = new PartitionRead(topic, id, requiredOffset(offset),
        QueryValues.count("count", count, 1, reader.settings().maxCount()), -1, 0);
    return read(request, headers, V2RecordsWriter.V1_SIMPLE, "v1");
  }

  private CompletionStage<Response> read(PartitionRead request, HttpHeaders headers,
      dev.kafkarest.core.consumer.RecordBatchWriter.Factory<RecordsBody> writers, String version) {
    List<MediaType> acceptable = headers.getAcceptableMediaTypes();
    EmbeddedFormat format = KafkaMediaTypes.requestedFormat(acceptable, EmbeddedFormat.BINARY);
    MediaType type = KafkaMediaTypes.recordsResponseType(format, acceptable, version);
    return responses.on(reader.read(request, format, writers), (ReadBatch<RecordsBody> batch) ->
        Response.ok(batch.records(), type)
            .header(HttpHeaders.CONTENT_LENGTH, batch.records().size())
            .header(NEXT_OFFSET, batch.nextOffset())
            .build());
  }

  /** The response header of a read by offset: where the next read starts. */
  static final String NEXT_OFFSET = "NextOffset";

  private static long requiredOffset(@Nullable String offset) {
    if (offset == null || offset.isBlank()) {
      throw new ProxyException(ErrorCode.BAD_REQUEST,
          "Query parameter offset is required: an offset, earliest (-2) or latest (-1).");
    }
    return PartitionRead.parseOffset(offset);
  }
}
