package dev.kafkarest.server.v2;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.core.produce.TopicDirectory;
import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.consumer.ConsumerInstance;
import dev.kafkarest.core.consumer.ConsumerInstanceId;
import dev.kafkarest.core.consumer.ConsumerRegistry;
import dev.kafkarest.core.consumer.RecordsBody;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.server.http.KafkaMediaTypes;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.v2.ConsumerRequests.Commit;
import dev.kafkarest.server.v2.ConsumerRequests.Partitions;
import dev.kafkarest.server.v2.ConsumerRequests.Seek;
import dev.kafkarest.server.v2.ConsumerRequests.Subscription;
import dev.kafkarest.server.v2.ConsumerResponses.CommittedOffset;
import dev.kafkarest.server.v2.ConsumerResponses.CommittedOffsets;
import dev.kafkarest.server.v2.ConsumerResponses.Topics;
import dev.kafkarest.server.stream.EventIds;
import dev.kafkarest.server.stream.Framing;
import dev.kafkarest.server.stream.RecordSource;
import dev.kafkarest.server.stream.RecordStreams;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * {@code /consumers/{group}/instances/{instance}}: one instance's subscription, assignment, positions,
 * offsets and records, and its deletion. Made per request by {@link ConsumersResource}'s locator, for the
 * request's caller.
 *
 * <p>The instance is looked up in one place, {@link #instance()}, once per request and only when an
 * endpoint method runs: Jersey's own answers for the route (404, 405, 406, 415) come first. There the
 * caller's {@code read} on the group is checked (403/40301), then the instance is looked up among the
 * caller's own: an unknown, deleted or expired instance, or another principal's, is 404/40403 on every
 * endpoint. Endpoints that name topics check them once the instance is found.
 */
@Produces(KafkaMediaTypes.CONSUMER_RESPONSE_TYPES)
@Consumes(KafkaMediaTypes.V2_REQUEST_TYPES)
public final class ConsumerInstanceResource implements InstanceResource {
  private static final String SEEK_HINT =
      " Seek past it (POST .../positions with the next offset) or read it with a binary consumer.";

  private final ConsumerInstanceId id;
  private final Identity caller;
  private final ConsumerRegistry registry;
  private final AccessChecks access;
  private final Responses responses;
  private final ObjectMapper mapper;
  private final RecordStreams streams;
  private final TopicDirectory topics;

  ConsumerInstanceResource(ConsumerInstanceId id, Identity caller, ConsumerRegistry registry, AccessChecks access,
      Responses responses, ObjectMapper mapper, RecordStreams streams, TopicDirectory topics) {
    this.id = id;
    this.caller = caller;
    this.registry = registry;
    this.access = access;
    this.responses = responses;
    this.mapper = mapper;
    this.streams = streams;
    this.topics = topics;
  }

  @DELETE
  public CompletionStage<Response> delete() {
    access.readGroup(caller, id.group());
    return noContent(registry.delete(caller, id.group(), id.name()));
  }

  @POST
  @Path("/subscription")
  public CompletionStage<Response> subscribe(@Nullable Subscription body) {
    ConsumerInstance instance = instance();
    Subscription subscription = ConsumerRequests.body(body);
    Pattern pattern = subscription.toPattern();
    if (pattern != null) {
      return noContent(instance.subscribe(access.subscriptionPattern(caller, pattern)));
    }
    List<String> topics = subscription.toTopics();
    access.readTopics(caller, topics);
    return noContent(instance.subscribe(topics));
  }

  @GET
  @Path("/subscription")
  public CompletionStage<Topics> subscription() {
    return responses.on(instance().subscription(), Topics::new);
  }

  @DELETE
  @Path("/subscription")
  public CompletionStage<Response> unsubscribe() {
    return noContent(instance().unsubscribe());
  }

  @POST
  @Path("/assignments")
  public CompletionStage<Response> assign(@Nullable Partitions body) {
    ConsumerInstance instance = instance();
    List<TopicPartition> partitions = readable(body);
    return noContent(instance.assign(partitions));
  }

  @GET
  @Path("/assignments")
  public CompletionStage<ConsumerResponses.Partitions> assignment() {
    return responses.on(instance().assignment(), partitions -> new ConsumerResponses.Partitions(
        partitions.stream().map(ConsumerResponses.Partition::of).toList()));
  }

  @POST
  @Path("/positions")
  public CompletionStage<Response> seek(@Nullable Seek body) {
    ConsumerInstance instance = instance();
    Seek.Targets targets = ConsumerRequests.body(body).toKafka();
    access.readPartitions(caller, targets.offsets().keySet());
    access.readPartitions(caller, targets.timestamps().keySet());
    return noContent(instance.seek(targets.offsets(), targets.timestamps()));
  }

  @POST
  @Path("/positions/beginning")
  public CompletionStage<Response> seekToBeginning(@Nullable Partitions body) {
    ConsumerInstance instance = instance();
    List<TopicPartition> partitions = readable(body);
    return noContent(instance.seekToBeginning(partitions));
  }

  @POST
  @Path("/positions/end")
  public CompletionStage<Response> seekToEnd(@Nullable Partitions body) {
    ConsumerInstance instance = instance();
    List<TopicPartition> partitions = readable(body);
    return noContent(instance.seekToEnd(partitions));
  }

  @POST
  @Path("/offsets")
  public CompletionStage<List<Object>> commit(
      @QueryParam("async") @DefaultValue("false") String async, @Nullable Commit body) {
    ConsumerInstance instance = instance();
    @Nullable Map<TopicPartition, OffsetAndMetadata> offsets = body == null ? null : body.toKafka();
    if (offsets == null) {
      return responses.on(instance.commit(null, Boolean.parseBoolean(async)), ignored -> List.of());
    }
    access.readPartitions(caller, offsets.keySet());
    CompletableFuture<Void> committed = existing(offsets.keySet())
        .thenCompose(ignored -> instance.commit(offsets, Boolean.parseBoolean(async)));
    return responses.on(committed, ignored -> List.of());
  }

  /**
   * Completes when every partition exists, else with 404/40401 or 404/40402 at once: a commit for a
   * partition Kafka does not know would wait for the consumer's {@code default.api.timeout.ms} and fail
   * with a timeout. Partition counts come from the same cache as produce's checks.
   */
  private CompletableFuture<Void> existing(Set<TopicPartition> partitions) {
    Map<String, Integer> highest = new TreeMap<>();
    partitions.forEach(partition -> highest.merge(partition.topic(), partition.partition(), Math::max));
    CompletableFuture<?>[] checks = highest.entrySet().stream()
        .map(topic -> topics.requirePartition(topic.getKey(), topic.getValue()).thenAccept(count -> {
          if (count == TopicDirectory.AUTO_CREATE) {
            throw ProxyException.topicNotFound(topic.getKey());
          }
        }))
        .toArray(CompletableFuture<?>[]::new);
    return CompletableFuture.allOf(checks);
  }

  /**
   * Committed offsets. The partitions come in a JSON body (Confluent's GET-with-body) or, for clients
   * that cannot send a body on GET, as {@code ?partitions=topic:0,topic:1} (repeatable).
   */
  @GET
  @Path("/offsets")
  public CompletionStage<CommittedOffsets> committed(
      @QueryParam("partitions") List<String> query, @Context ContainerRequestContext request) {
    ConsumerInstance instance = instance();
    Set<TopicPartition> partitions = new HashSet<>(ConsumerRequests.partitionsFromQuery(query));
    Partitions fromBody = ConsumerRequests.readOptional(mapper, request.getEntityStream(), Partitions.class);
    if (fromBody != null) {
      partitions.addAll(fromBody.toKafka());
    }
    if (partitions.isEmpty()) {
      throw ConsumerRequests.unprocessable(
          "Name the partitions: a body {\"partitions\": [{\"topic\", \"partition\"}]} or ?partitions=topic:partition.");
    }
    access.describePartitions(caller, partitions);
    return responses.on(instance.committed(partitions), committed -> new CommittedOffsets(committed.entrySet().stream()
        .map(e -> new CommittedOffset(e.getKey().topic(), e.getKey().partition(), e.getValue().offset(),
            e.getValue().metadata()))
        .toList()));
  }

  /**
   * Reads records. The Accept header picks the embedded format; it must match the instance's format
   * (406/40601), except that a generic type ({@code *}{@code /*}, {@code application/json},
   * {@code application/vnd.kafka.v2+json}) reads in the instance's own format. See {@link
   * KafkaMediaTypes#recordsResponseType}.
   */
  @GET
  @Path("/records")
  @Produces(KafkaMediaTypes.RECORDS_RESPONSE_TYPES)
  public CompletionStage<Response> records(
      @QueryParam("timeout") @DefaultValue("-1") long timeout,
      @QueryParam("max_bytes") @DefaultValue("-1") long maxBytes,
      @Context HttpHeaders headers) {
    ConsumerInstance instance = instance();
    MediaType type = KafkaMediaTypes.recordsResponseType(instance.format(), headers.getAcceptableMediaTypes());
    return read(instance, CompletableFuture.completedFuture(null), timeout, maxBytes, type);
  }

  /**
   * {@code HEAD} of a read is 405 (Allow: GET): Jersey would run the read and drop its body, and the records it
   * took would count as consumed, and be committed, without reaching anyone.
   */
  @HEAD
  @Path("/records")
  @Produces(MediaType.WILDCARD)
  public Response recordsHead() {
    throw headOfRead();
  }

  /** {@code HEAD} of v1's high-level read: 405, as {@link #recordsHead}. */
  @HEAD
  @Path("/topics/{topic}")
  @Produces(MediaType.WILDCARD)
  public Response topicRecordsHead() {
    throw headOfRead();
  }

  /** {@return the 405 for a {@code HEAD} of a read (Allow: GET)}: it would read records, or open a stream, in vain */
  static NotAllowedException headOfRead() {
    return new NotAllowedException("HEAD would read records and drop them; read them with GET.",
        Response.status(Response.Status.METHOD_NOT_ALLOWED).allow(HttpMethod.GET).build());
  }

  /**
   * Confluent v1's high-level read: subscribes the instance to {@code topic} when it is neither subscribed
   * nor assigned, then reads as {@link #records} does. An instance subscribed or assigned to anything else
   * is 409/40903. A generic Accept type is answered with the format's v1 type.
   */
  @GET
  @Path("/topics/{topic}")
  @Produces(KafkaMediaTypes.RECORDS_RESPONSE_TYPES)
  public CompletionStage<Response> topicRecords(@PathParam("topic") String topic,
      @QueryParam("timeout") @DefaultValue("-1") long timeout,
      @QueryParam("max_bytes") @DefaultValue("-1") long maxBytes,
      @Context HttpHeaders headers) {
    ConsumerInstance instance = instance();
    access.readTopics(caller, List.of(topic));
    MediaType type = KafkaMediaTypes.recordsResponseType(instance.format(), headers.getAcceptableMediaTypes(), "v1");
    CompletableFuture<Void> subscribed = instance.subscription()
        .thenCombine(instance.assignment(), (topics, assigned) -> {
          if (topics.contains(topic)) {
            return false;
          }
          if (topics.isEmpty() && assigned.isEmpty()) {
            return true;
          }
          throw ConsumerInstance.illegalState("The instance already reads other topics " + topics
              + (assigned.isEmpty() ? "" : " or partitions " + assigned) + "; create another instance for " + topic
              + ".", null);
        })
        .thenCompose(subscribe -> subscribe
            ? instance.subscribe(List.of(topic))
            : CompletableFuture.completedFuture(null));
    return read(instance, subscribed, timeout, maxBytes, type);
  }

  private CompletionStage<Response> read(ConsumerInstance instance, CompletableFuture<Void> before, long timeout,
      long maxBytes, MediaType type) {
    CompletableFuture<RecordsBody> answer = new CompletableFuture<>();
    before.thenCompose(ignored -> instance.read(timeout, maxBytes, V2RecordsWriter.FACTORY))
        .whenComplete((body, error) -> {
          // The read's start renewed the instance's idle timer; a long read renews it again at its end.
          registry.renew(caller, id);
          if (error != null) {
            answer.completeExceptionally(withSeekHint(error));
          } else {
            answer.complete(body);
          }
        });
    return responses.on(answer,
        body -> Response.ok(body, type).header(HttpHeaders.CONTENT_LENGTH, body.size()).build());
  }

  /**
   * Streams records as they arrive ({@code docs/streaming.md}): server-sent events for {@code Accept:
   * text/event-stream}, one per record with the id {@code topic/partition/offset} and the record as the records
   * call renders it as data; NDJSON for {@code application/x-ndjson}. A {@code Last-Event-ID} first moves each
   * partition it names that is assigned to the instance right after the offset it names. Reads commit as the
   * records call's do; deleting the instance, or its expiry, ends the stream with an error event.
   */
  @GET
  @Path("/records")
  @Produces(Framing.STREAM_TYPES)
  public CompletionStage<Response> stream(@HeaderParam("Last-Event-ID") @Nullable String lastEventId,
      @Context HttpHeaders headers, @Context ContainerRequestContext request) {
    ConsumerInstance instance = instance();
    Framing framing = Framing.negotiate(headers.getAcceptableMediaTypes());
    Map<TopicPartition, Long> resume = EventIds.resumeOffsets(lastEventId);
    access.readPartitions(caller, resume.keySet());
    // Before the seek below: an earlier stream's reads queued after it take nothing.
    RecordSource source = new InstanceRecordSource(instance, registry, caller, id);
    CompletableFuture<Void> resumed = resume.isEmpty()
        ? CompletableFuture.completedFuture(null)
        : instance.assignment().thenCompose(assigned -> {
          Map<TopicPartition, Long> seek = new HashMap<>(resume);
          seek.keySet().retainAll(Set.copyOf(assigned));
          return instance.seek(seek, Map.of());
        });
    return responses.on(resumed, ignored -> streams.open(request, framing, source, V2RecordsWriter.RENDERER));
  }

  /** {@return the partitions of a body, once the caller may read each of their topics} */
  private List<TopicPartition> readable(@Nullable Partitions body) {
    List<TopicPartition> partitions = ConsumerRequests.body(body).toKafka();
    access.readPartitions(caller, partitions);
    return partitions;
  }

  /**
   * {@return the caller's instance, renewing its idle timer}; the one look-up of this resource
   *
   * @throws ProxyException 403/40301 when the caller may not read the group; 404/40403 when the caller has
   *     no such instance (never created, deleted, expired, or another principal's)
   */
  private ConsumerInstance instance() {
    access.readGroup(caller, id.group());
    return registry.get(caller, id.group(), id.name());
  }

  /** Tells a client whose read met a record it cannot decode how to get past it. */
  static Throwable withSeekHint(Throwable error) {
    if (error instanceof ProxyException e && e.errorCode() == ErrorCode.DESERIALIZATION_FAILED) {
      return new ProxyException(e.errorCode(), e.getMessage() + SEEK_HINT, e.getCause());
    }
    return error;
  }

  private CompletionStage<Response> noContent(CompletableFuture<Void> operation) {
    return responses.on(operation, ignored -> Response.noContent().build());
  }
}
