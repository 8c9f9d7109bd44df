package dev.kafkarest.server.hdinsight;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import dev.kafkarest.core.access.ResourceAccess;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.produce.ProduceOutcome;
import dev.kafkarest.core.produce.ProduceRecord;
import dev.kafkarest.core.produce.ProduceService;
import dev.kafkarest.core.produce.TopicNames;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.security.RequestIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /v1/producer/topics/{topic}}: records whose key and value are any JSON. A string is stored as
 * its text (UTF-8, no quotes), anything else as its compact JSON text, numbers exactly as sent; a missing
 * or null key or value is stored as null. The answer has one result per record, in order.
 */
@Path("/v1/producer/topics/{topic}")
@Produces(MediaType.APPLICATION_JSON)
public final class ProducerResource {
  private static final Set<String> RECORD_FIELDS = Set.of("key", "value", "partition");

  private final ProduceService produce;
  private final int maxRecords;
  private final Responses responses;
  private final ResourceAccess access;
  private final ObjectMapper exact;

  ProducerResource(ProduceService produce, int maxRecords, Responses responses, ResourceAccess access,
      ObjectMapper mapper) {
    this.produce = produce;
    this.maxRecords = maxRecords;
    this.responses = responses;
    this.access = access;
    this.exact = mapper.copy()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public CompletionStage<Produced> produce(@PathParam("topic") String topic, @Context SecurityContext security,
      byte @Nullable [] body) {
    access.writeTopic(RequestIdentity.of(security), topic);
    TopicNames.requireValid(topic);
    List<ProduceRecord> records = records(HdInsightBodies.object(exact, body, false));
    return responses.on(produce.produce(topic, null, records), ProducerResource::render);
  }

  private List<ProduceRecord> records(JsonNode request) {
    JsonNode records = request.get("records");
    if (records == null || !records.isArray() || records.isEmpty()) {
      throw new ProxyException(ErrorCode.UNPROCESSABLE_ENTITY, "The body needs a non-empty array 'records'.");
    }
    if (records.size() > maxRecords) {
      throw new ProxyException(ErrorCode.UNPROCESSABLE_ENTITY,
          "At most " + maxRecords + " records per request, not " + records.size() + ".");
    }
    List<ProduceRecord> parsed = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      JsonNode record = records.get(i);
      if (!record.isObject()) {
        throw new ProxyException(ErrorCode.UNPROCESSABLE_ENTITY, "records[" + i + "] must be an object.");
      }
      for (Iterator<String> names = record.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!RECORD_FIELDS.contains(name)) {
          throw new ProxyException(ErrorCode.UNPROCESSABLE_ENTITY,
              "records[" + i + "] has an unknown field '" + name + "'; a record takes key, value and partition.");
        }
      }
      parsed.add(new ProduceRecord(bytes(record.get("key")), bytes(record.get("value")), partition(record, i)));
    }
    return parsed;
  }

  /** {@return what Kafka stores for a JSON key or value}: a string's text, else compact JSON; null for none */
  byte @Nullable [] bytes(@Nullable JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual()) {
      return value.textValue().getBytes(StandardCharsets.UTF_8);
    }
    try {
      return exact.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new ProxyException(ErrorCode.BAD_REQUEST, "A value cannot be written as JSON.");
    }
  }

  private static @Nullable Integer partition(JsonNode record, int index) {
    JsonNode partition = record.get("partition");
    if (partition == null || partition.isNull()) {
      return null;
    }
    if (partition.isIntegralNumber() && partition.canConvertToInt() && partition.intValue() >= 0) {
      return partition.intValue();
    }
    throw new ProxyException(ErrorCode.UNPROCESSABLE_ENTITY,
        "records[" + index + "].partition must be a whole number from 0, not " + partition + ".");
  }

  private static Produced render(List<ProduceOutcome> outcomes) {
    List<Result> results = new ArrayList<>(outcomes.size());
    for (ProduceOutcome outcome : outcomes) {
      if (outcome instanceof ProduceOutcome.Written written) {
        results.add(new Result(written.partition(), written.offset(), null, null));
      } else {
        ProduceOutcome.Unacknowledged failed = (ProduceOutcome.Unacknowledged) outcome;
        results.add(new Result(null, null, failed.errorCode().code(), failed.message()));
      }
    }
    return new Produced(results);
  }

  /** The answer: one result per record, in the order sent. */
  public record Produced(List<Result> offsets) {}

  /** Where a record was written, or why it was not. */
  public record Result(@Nullable Integer partition, @Nullable Long offset,
      @JsonProperty("error_code") @Nullable Integer errorCode, @Nullable String error) {}
}
