package dev.kafkarest.server.v2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.core.consumer.ConsumerInstance;
import dev.kafkarest.core.consumer.ConsumerRegistry;
import dev.kafkarest.core.consumer.RecordsBody;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.server.http.KafkaMediaTypes;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.v2.ConsumerRequests.Commit;
import dev.kafkarest.server.v2.ConsumerRequests.CreateConsumer;
import dev.kafkarest.server.v2.ConsumerRequests.PartitionOffset;
import dev.kafkarest.server.v2.ConsumerRequests.PartitionTimestamp;
import dev.kafkarest.server.v2.ConsumerRequests.Partitions;
import dev.kafkarest.server.v2.ConsumerRequests.Seek;
import dev.kafkarest.server.v2.ConsumerRequests.Subscription;
import dev.kafkarest.server.v2.ConsumerResponses.CommittedOffset;
import dev.kafkarest.server.v2.ConsumerResponses.CommittedOffsets;
import dev.kafkarest.server.v2.ConsumerResponses.CreatedConsumer;
import dev.kafkarest.server.v2.ConsumerResponses.Topics;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/** {@code /consumers}: consumer instances, their subscriptions, positions, offsets and records. */
@Path("/consumers/{group}")
@Produces(KafkaMediaTypes.CONSUMER_RESPONSE_TYPES)
@Consumes(KafkaMediaTypes.V2_REQUEST_TYPES)
public final class ConsumersResource {
  private static final String INSTANCE = "/instances/{instance}";

  private final ConsumerRegistry registry;
  private final BaseUris baseUris;
  private final Responses responses;
  private final ObjectMapper mapper;

  ConsumersResource(ConsumerRegistry registry, BaseUris baseUris, Responses responses, ObjectMapper mapper) {
    this.registry = registry;
    this.baseUris = baseUris;
    this.responses = responses;
    this.mapper = mapper;
  }

  @POST
  public CreatedConsumer create(@PathParam("group") String group, @Nullable CreateConsumer body, @Context UriInfo uri) {
    CreateConsumer request = body != null ? body : new CreateConsumer(null, null, null, null, null, null, null);
    String name = request.id() != null ? request.id() : request.name();
    ConsumerInstance instance = registry.create(group, name, request.toSettings());
    String instanceName = instance.id().name();
    return new CreatedConsumer(instanceName, baseUris.instance(uri, group, instanceName).toString());
  }

  @DELETE
  @Path(INSTANCE)
  public CompletionStage<Response> delete(@PathParam("group") String group, @PathParam("instance") String name) {
    return noContent(registry.delete(group, name));
  }

  @POST
  @Path(INSTANCE + "/subscription")
  public CompletionStage<Response> subscribe(
      @PathParam("group") String group, @PathParam("instance") String name, @Nullable Subscription body) {
    ConsumerInstance instance = registry.get(group, name);
    Subscription subscription = ConsumerRequests.body(body);
    if (subscription.topics() != null && subscription.topicPattern() != null) {
      throw ConsumerInstance.illegalState(
          "Subscription to topics and to a pattern are mutually exclusive; give one of them.", null);
    }
    if (subscription.topicPattern() != null) {
      return noContent(instance.subscribe(pattern(subscription.topicPattern())));
    }
    if (subscription.topics() == null) {
      throw ConsumerRequests.unprocessable("Give topics or topic_pattern.");
    }
    List<String> topics = new ArrayList<>();
    for (int i = 0; i < subscription.topics().size(); i++) {
      String topic = ConsumerRequests.element(subscription.topics().get(i), "topics[" + i + "]");
      if (topic.isEmpty()) {
        throw ConsumerRequests.unprocessable("topics[" + i + "] must not be empty.");
      }
      topics.add(topic);
    }
    return noContent(instance.subscribe(topics));
  }

  @GET
  @Path(INSTANCE + "/subscription")
  public CompletionStage<Topics> subscription(@PathParam("group") String group, @PathParam("instance") String name) {
    return responses.on(registry.get(group, name).subscription(), Topics::new);
  }

  @DELETE
  @Path(INSTANCE + "/subscription")
  public CompletionStage<Response> unsubscribe(@PathParam("group") String group, @PathParam("instance") String name) {
    return noContent(registry.get(group, name).unsubscribe());
  }

  @POST
  @Path(INSTANCE + "/assignments")
  public CompletionStage<Response> assign(
      @PathParam("group") String group, @PathParam("instance") String name, @Nullable Partitions body) {
    ConsumerInstance instance = registry.get(group, name);
    return noContent(instance.assign(ConsumerRequests.body(body).toKafka()));
  }

  @GET
  @Path(INSTANCE + "/assignments")
  public CompletionStage<ConsumerResponses.Partitions> assignment(
      @PathParam("group") String group, @PathParam("instance") String name) {
    return responses.on(registry.get(group, name).assignment(),
        partitions -> new ConsumerResponses.Partitions(
            partitions.stream().map(ConsumerResponses.Partition::of).toList()));
  }

  @POST
  @Path(INSTANCE + "/positions")
  public CompletionStage<Response> seek(
      @PathParam("group") String group, @PathParam("instance") String name, @Nullable Seek body) {
    ConsumerInstance instance = registry.get(group, name);
    Seek seek = ConsumerRequests.body(body);
    Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
    List<PartitionOffset> offsetList = seek.offsets() == null ? List.of() : seek.offsets();
    for (int i = 0; i < offsetList.size(); i++) {
      String field = "offsets[" + i + "]";
      PartitionOffset entry = ConsumerRequests.element(offsetList.get(i), field);
      long offset = entry.requireOffset(field);
      if (offset < 0) {
        throw ConsumerRequests.unprocessable(field + ".offset must not be negative (was " + offset + ").");
      }
      offsets.put(entry.toKafka(field), offset);
    }
    Map<TopicPartition, Instant> timestamps = new LinkedHashMap<>();
    List<PartitionTimestamp> timestampList = seek.timestamps() == null ? List.of() : seek.timestamps();
    for (int i = 0; i < timestampList.size(); i++) {
      String field = "timestamps[" + i + "]";
      PartitionTimestamp entry = ConsumerRequests.element(timestampList.get(i), field);
      timestamps.put(entry.toKafka(field), entry.instant(field));
    }
    return noContent(instance.seek(offsets, timestamps));
  }

  @POST
  @Path(INSTANCE + "/positions/beginning")
  public CompletionStage<Response> seekToBeginning(
      @PathParam("group") String group, @PathParam("instance") String name, @Nullable Partitions body) {
    ConsumerInstance instance = registry.get(group, name);
    return noContent(instance.seekToBeginning(ConsumerRequests.body(body).toKafka()));
  }

  @POST
  @Path(INSTANCE + "/positions/end")
  public CompletionStage<Response> seekToEnd(
      @PathParam("group") String group, @PathParam("instance") String name, @Nullable Partitions body) {
    ConsumerInstance instance = registry.get(group, name);
    return noContent(instance.seekToEnd(ConsumerRequests.body(body).toKafka()));
  }

  @POST
  @Path(INSTANCE + "/offsets")
  public CompletionStage<List<Object>> commit(
      @PathParam("group") String group, @PathParam("instance") String name,
      @QueryParam("async") @DefaultValue("false") String async, @Nullable Commit body) {
    ConsumerInstance instance = registry.get(group, name);
    Map<TopicPartition, OffsetAndMetadata> offsets = null;
    if (body != null && body.offsets() != null) {
      offsets = new LinkedHashMap<>();
      for (int i = 0; i < body.offsets().size(); i++) {
        String field = "offsets[" + i + "]";
        PartitionOffset entry = ConsumerRequests.element(body.offsets().get(i), field);
        long offset = entry.requireOffset(field);
        if (offset < -1) {
          throw ConsumerRequests.unprocessable(field + ".offset must be -1 or more (was " + offset + ").");
        }
        offsets.put(entry.toKafka(field), new OffsetAndMetadata(offset, entry.metadata()));
      }
    }
    return responses.on(instance.commit(offsets, Boolean.parseBoolean(async)), ignored -> List.of());
  }

  /**
   * Committed offsets. The partitions come in a JSON body (Confluent's GET-with-body) or, for clients
   * that cannot send a body on GET, as {@code ?partitions=topic:0,topic:1} (repeatable).
   */
  @GET
  @Path(INSTANCE + "/offsets")
  public CompletionStage<CommittedOffsets> committed(
      @PathParam("group") String group, @PathParam("instance") String name,
      @QueryParam("partitions") List<String> query, @Context ContainerRequestContext request) {
    ConsumerInstance instance = registry.get(group, name);
    Set<TopicPartition> partitions = new HashSet<>(partitionsFromQuery(query));
    Partitions fromBody = readOptional(request.getEntityStream(), Partitions.class);
    if (fromBody != null) {
      partitions.addAll(fromBody.toKafka());
    }
    if (partitions.isEmpty()) {
      throw ConsumerRequests.unprocessable(
          "Name the partitions: a body {\"partitions\": [{\"topic\", \"partition\"}]} or ?partitions=topic:partition.");
    }
    return responses.on(instance.committed(partitions), committed -> new CommittedOffsets(committed.entrySet().stream()
        .map(e -> new CommittedOffset(e.getKey().topic(), e.getKey().partition(), e.getValue().offset(),
            e.getValue().metadata()))
        .toList()));
  }

  /**
   * Reads records. The Accept header picks the embedded format; it must match the instance's format
   * (406/40601), except that a generic type ({@code *}{@code /*}, {@code application/json},
   * {@code application/vnd.kafka.v2+json}) reads in the instance's own format.
   */
  @GET
  @Path(INSTANCE + "/records")
  @Produces(KafkaMediaTypes.RECORDS_RESPONSE_TYPES)
  public CompletionStage<Response> records(
      @PathParam("group") String group, @PathParam("instance") String name,
      @QueryParam("timeout") @DefaultValue("-1") long timeout,
      @QueryParam("max_bytes") @DefaultValue("-1") long maxBytes,
      @Context HttpHeaders headers) {
    ConsumerInstance instance = registry.get(group, name);
    MediaType type = responseType(instance.format(), headers);
    CompletableFuture<RecordsBody> answer = new CompletableFuture<>();
    instance.read(timeout, maxBytes, V2RecordsWriter.FACTORY).whenComplete((body, error) -> {
      registry.renew(instance.id());
      if (error != null) {
        answer.completeExceptionally(withSeekHint(error));
      } else {
        answer.complete(body);
      }
    });
    return responses.on(answer,
        body -> Response.ok(body, type).header(HttpHeaders.CONTENT_LENGTH, body.size()).build());
  }

  /** Tells a client whose read met a record it cannot decode how to get past it. */
  private static Throwable withSeekHint(Throwable error) {
    if (error instanceof ProxyException e && e.errorCode() == ErrorCode.DESERIALIZATION_FAILED) {
      return new ProxyException(e.errorCode(), e.getMessage()
          + " Seek past it (POST .../positions with the next offset) or read it with a binary consumer.", e.getCause());
    }
    return error;
  }

  private static Pattern pattern(String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw ConsumerRequests.unprocessable("topic_pattern is not a valid regular expression: " + e.getDescription());
    }
  }

  private static List<TopicPartition> partitionsFromQuery(List<String> values) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String value : values) {
      for (String item : value.split(",")) {
        if (item.isBlank()) {
          continue;
        }
        int colon = item.lastIndexOf(':');
        try {
          partitions.add(ConsumerRequests.partition(item.substring(0, Math.max(colon, 0)),
              Integer.parseInt(item.substring(colon + 1).trim()), "partitions"));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
          throw ConsumerRequests.unprocessable("partitions must look like topic:partition, was '" + item + "'.");
        }
      }
    }
    return partitions;
  }

  private <T> @Nullable T readOptional(InputStream body, Class<T> type) {
    try {
      byte[] bytes = body.readAllBytes();
      return bytes.length == 0 ? null : mapper.readValue(bytes, type);
    } catch (IOException e) {
      throw e instanceof JsonProcessingException json
          ? new ProcessingException(json)
          : new ProxyException(ErrorCode.BAD_REQUEST, "Could not read the request body: " + e.getMessage(), e);
    }
  }

  private static MediaType responseType(EmbeddedFormat format, HttpHeaders headers) {
    for (MediaType accepted : headers.getAcceptableMediaTypes()) {
      EmbeddedFormat asked = accepted.isWildcardSubtype() ? null : KafkaMediaTypes.embeddedFormat(accepted);
      if (asked != null) {
        if (asked != format && !(asked.requiresSchema() && format.requiresSchema())) {
          throw new ProxyException(ErrorCode.CONSUMER_FORMAT_MISMATCH);
        }
        return KafkaMediaTypes.recordsType(format);
      }
      if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !accepted.isWildcardType()
          && !accepted.isWildcardSubtype()) {
        return MediaType.APPLICATION_JSON_TYPE;
      }
      if (accepted.isWildcardType() || accepted.getSubtype().startsWith("vnd.kafka")) {
        return KafkaMediaTypes.recordsType(format);
      }
    }
    return KafkaMediaTypes.recordsType(format);
  }

  private CompletionStage<Response> noContent(CompletableFuture<Void> operation) {
    return responses.on(operation, ignored -> Response.noContent().build());
  }
}
