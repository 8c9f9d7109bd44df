package dev.kafkarest.server.v3;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kafkarest.core.admin.ConfigChange;
import dev.kafkarest.core.admin.TopicSpec;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The v3 request bodies, as Confluent reads them. Each converts itself to what the core takes; a body that
 * is missing or names nothing valid is 422/42206, Confluent's payload error.
 */
final class V3Requests {
  private V3Requests() {}

  /** {@return the body, or a 422/42206 when there is none} */
  static <T> T required(@Nullable T body) {
    if (body == null) {
      throw payloadError("Request body is empty. Data is required.");
    }
    return body;
  }

  static ProxyException payloadError(String detail) {
    return new ProxyException(ErrorCode.INVALID_PAYLOAD, "Payload error. " + detail);
  }

  /** {@code POST /v3/clusters/{c}/topics}. */
  record CreateTopic(@JsonProperty("topic_name") @Nullable String topicName,
      @JsonProperty("partitions_count") @Nullable Integer partitionsCount,
      @JsonProperty("replication_factor") @Nullable Short replicationFactor,
      @JsonProperty("replicas_assignments") @Nullable Map<Integer, List<Integer>> replicasAssignments,
      @JsonProperty("configs") @Nullable List<ConfigValue> configs,
      @JsonProperty("validate_only") @Nullable Boolean validateOnly) {

    String name() {
      if (topicName == null || topicName.isEmpty()) {
        throw payloadError("topic_name is required.");
      }
      return topicName;
    }

    TopicSpec spec() {
      Map<String, @Nullable String> values = new LinkedHashMap<>();
      if (configs != null) {
        for (ConfigValue config : configs) {
          if (config == null) {
            throw payloadError("Every config must be an object with a name.");
          }
          values.put(config.requiredName(), config.value());
        }
      }
      return new TopicSpec(name(), partitionsCount, replicationFactor, assignments(), values);
    }

    private Map<Integer, List<Integer>> assignments() {
      if (replicasAssignments == null) {
        return Map.of();
      }
      for (Map.Entry<Integer, List<Integer>> partition : replicasAssignments.entrySet()) {
        if (partition.getValue() == null || partition.getValue().contains(null)) {
          throw payloadError("replicas_assignments of partition " + partition.getKey()
              + " must be a list of broker ids.");
        }
      }
      return replicasAssignments;
    }

    boolean isValidateOnly() {
      return Boolean.TRUE.equals(validateOnly);
    }
  }

  /** A config name and value in a topic creation. */
  record ConfigValue(@JsonProperty("name") @Nullable String name, @JsonProperty("value") @Nullable String value) {
    String requiredName() {
      if (name == null || name.isEmpty()) {
        throw payloadError("Every config needs a name.");
      }
      return name;
    }
  }

  /** {@code PATCH /v3/clusters/{c}/topics/{t}}. */
  record UpdatePartitionCount(@JsonProperty("partitions_count") @Nullable Integer partitionsCount) {
    int count() {
      if (partitionsCount == null) {
        throw payloadError("partitions_count is required.");
      }
      return partitionsCount;
    }
  }

  /** {@code PUT /v3/clusters/{c}/topics/{t}/configs/{name}}. */
  record UpdateConfig(@JsonProperty("value") @Nullable String value) {}

  /** {@code POST /v3/clusters/{c}/topics/{t}/configs:alter}. */
  record AlterConfigBatch(@JsonProperty("data") @Nullable List<AlterEntry> data,
      @JsonProperty("validate_only") @Nullable Boolean validateOnly) {

    List<ConfigChange> changes() {
      if (data == null) {
        throw payloadError("data is required.");
      }
      List<ConfigChange> changes = new ArrayList<>(data.size());
      for (AlterEntry entry : data) {
        if (entry == null) {
          throw payloadError("Every entry of data must be an object with a name.");
        }
        changes.add(entry.change());
      }
      return changes;
    }

    boolean isValidateOnly() {
      return Boolean.TRUE.equals(validateOnly);
    }
  }

  /** One entry of a batch: {@code operation} is {@code SET} (the default) or {@code DELETE}, in any case. */
  record AlterEntry(@JsonProperty("name") @Nullable String name, @JsonProperty("value") @Nullable String value,
      @JsonProperty("operation") @Nullable String operation) {

    ConfigChange change() {
      if (name == null || name.isEmpty()) {
        throw payloadError("Every config needs a name.");
      }
      String op = operation == null ? "SET" : operation.toUpperCase(Locale.ROOT);
      return switch (op) {
        case "SET" -> ConfigChange.set(name, value);
        case "DELETE" -> ConfigChange.delete(name);
        default -> throw payloadError("operation must be SET or DELETE, not '" + operation + "'.");
      };
    }
  }
}
