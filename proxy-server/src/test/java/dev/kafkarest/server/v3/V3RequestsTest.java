package dev.kafkarest.server.v3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.core.admin.ConfigChange;
import dev.kafkarest.core.admin.TopicSpec;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.server.http.ObjectMapperProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class V3RequestsTest {
  private final ObjectMapper json = new ObjectMapperProvider().mapper();

  @Test
  void createTopic_confluentBody_convertsToSpec() throws Exception {
    V3Requests.CreateTopic body = json.readValue("{\"topic_name\":\"t\",\"partitions_count\":3,"
        + "\"replication_factor\":2,\"replicas_assignments\":{\"0\":[1,2]},"
        + "\"configs\":[{\"name\":\"cleanup.policy\",\"value\":\"compact\"},{\"name\":\"retention.ms\"}],"
        + "\"validate_only\":true}", V3Requests.CreateTopic.class);

    TopicSpec spec = body.spec();

    assertEquals("t", spec.name());
    assertEquals(3, spec.partitionsCount());
    assertEquals((short) 2, spec.replicationFactor());
    assertEquals(Map.of(0, List.of(1, 2)), spec.replicasAssignments());
    assertEquals("compact", spec.configs().get("cleanup.policy"));
    assertTrue(spec.configs().containsKey("retention.ms"));
    assertNull(spec.configs().get("retention.ms"));
    assertTrue(body.isValidateOnly());
  }

  @Test
  void createTopic_noName_payloadError42206() throws Exception {
    V3Requests.CreateTopic body = json.readValue("{\"partitions_count\":3}", V3Requests.CreateTopic.class);

    assertPayloadError(() -> body.spec());
    assertPayloadError(() -> V3Requests.required(null));
  }

  @Test
  void alterBatch_operations_setByDefaultDeleteInAnyCase_otherRefused() throws Exception {
    V3Requests.AlterConfigBatch batch = json.readValue("{\"data\":[{\"name\":\"a\",\"value\":\"1\"},"
        + "{\"name\":\"b\",\"operation\":\"delete\"},{\"name\":\"c\",\"value\":\"2\",\"operation\":\"SET\"}]}",
        V3Requests.AlterConfigBatch.class);

    assertEquals(List.of(ConfigChange.set("a", "1"), ConfigChange.delete("b"), ConfigChange.set("c", "2")),
        batch.changes());
    V3Requests.AlterConfigBatch bad = json.readValue("{\"data\":[{\"name\":\"a\",\"operation\":\"APPEND\"}]}",
        V3Requests.AlterConfigBatch.class);
    assertPayloadError(bad::changes);
    V3Requests.AlterConfigBatch empty = json.readValue("{}", V3Requests.AlterConfigBatch.class);
    assertPayloadError(empty::changes);
  }

  /** A null where an object or a broker id belongs is the client's mistake: 422, not a 500 from a null pointer. */
  @Test
  void nullElements_payloadError42206() throws Exception {
    for (String body : List.of("{\"topic_name\":\"t\",\"configs\":[null]}",
        "{\"topic_name\":\"t\",\"replicas_assignments\":{\"0\":null}}",
        "{\"topic_name\":\"t\",\"replicas_assignments\":{\"0\":[1,null]}}")) {
      V3Requests.CreateTopic create = json.readValue(body, V3Requests.CreateTopic.class);
      assertPayloadError(create::spec);
    }
    V3Requests.AlterConfigBatch batch = json.readValue("{\"data\":[null]}", V3Requests.AlterConfigBatch.class);
    assertPayloadError(batch::changes);
  }

  private static void assertPayloadError(Runnable action) {
    ProxyException e = assertThrows(ProxyException.class, action::run);
    assertSame(ErrorCode.INVALID_PAYLOAD, e.errorCode());
    assertTrue(e.getMessage().startsWith("Payload error. "), e.getMessage());
  }
}
