package dev.kafkarest.server.hdinsight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.core.access.ResourceAccess;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.metadata.TopicAdmin;
import dev.kafkarest.core.produce.TopicNames;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.security.RequestIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * {@code /v1/topics/{topic}}: create ({@code PUT}, body optional) and delete a topic. A created topic is
 * listed by the next metadata call (the create answers once the cluster describes it).
 */
@Path("/v1/topics/{topic}")
@Produces(MediaType.APPLICATION_JSON)
public final class TopicsResource {
  private static final Set<String> FIELDS = Set.of("partition_count", "replication_factor", "topic_properties");

  private final TopicAdmin topics;
  private final Responses responses;
  private final ResourceAccess access;
  private final ObjectMapper mapper;

  TopicsResource(TopicAdmin topics, Responses responses, ResourceAccess access, ObjectMapper mapper) {
    this.topics = topics;
    this.responses = responses;
    this.access = access;
    this.mapper = mapper;
  }

  /**
   * Creates a topic from {@code partition_count}, {@code replication_factor} and {@code topic_properties}
   * (string, number or boolean values), each the broker's default when omitted.
   */
  @PUT
  @Consumes(MediaType.WILDCARD)
  public CompletionStage<HdInsightMetadata.TopicChanged> create(@PathParam("topic") String topic,
      @Context SecurityContext security, byte @Nullable [] body) {
    access.createTopic(RequestIdentity.of(security), topic);
    TopicNames.requireValid(topic);
    JsonNode request = HdInsightBodies.object(mapper, body, true);
    for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new ProxyException(ErrorCode.UNPROCESSABLE_ENTITY,
            "Unknown field '" + name + "'; a topic takes partition_count, replication_factor and topic_properties.");
      }
    }
    Integer partitions = intField(request, "partition_count");
    Integer replication = intField(request, "replication_factor");
    if (replication != null && replication > Short.MAX_VALUE) {
      throw new ProxyException(ErrorCode.BAD_REQUEST, "replication_factor " + replication + " is too large.");
    }
    return responses.on(topics.create(topic, partitions, replication == null ? null : replication.shortValue(),
        properties(request.get("topic_properties"))), ignored -> new HdInsightMetadata.TopicChanged(topic));
  }

  @DELETE
  public CompletionStage<HdInsightMetadata.TopicChanged> delete(@PathParam("topic") String topic,
      @Context SecurityContext security) {
    access.deleteTopic(RequestIdentity.of(security), topic);
    TopicNames.requireValid(topic);
    return responses.on(topics.delete(topic), ignored -> new HdInsightMetadata.TopicChanged(topic));
  }

  private static @Nullable Integer intField(JsonNode request, String name) {
    JsonNode value = request.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber() && value.canConvertToInt()) {
      return value.intValue();
    }
    if (value.isTextual()) {
      try {
        return Integer.parseInt(value.textValue().trim());
      } catch (NumberFormatException e) {
        // answered below
      }
    }
    throw new ProxyException(ErrorCode.UNPROCESSABLE_ENTITY, name + " must be a whole number, not " + value + ".");
  }

  private static Map<String, String> properties(@Nullable JsonNode properties) {
    Map<String, String> configs = new LinkedHashMap<>();
    if (properties == null || properties.isNull()) {
      return configs;
    }
    if (!properties.isObject()) {
      throw new ProxyException(ErrorCode.UNPROCESSABLE_ENTITY,
          "topic_properties must be an object of property names to values.");
    }
    properties.fields().forEachRemaining(entry -> {
      JsonNode value = entry.getValue();
      if (!value.isValueNode() || value.isNull()) {
        throw new ProxyException(ErrorCode.UNPROCESSABLE_ENTITY, "Topic property '" + entry.getKey()
            + "' must be a string, a number or a boolean, not " + value + ".");
      }
      configs.put(entry.getKey(), value.asText());
    });
    return configs;
  }
}
