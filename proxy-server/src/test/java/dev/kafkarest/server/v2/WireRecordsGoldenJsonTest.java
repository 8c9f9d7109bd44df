package dev.kafkarest.server.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.core.metadata.PartitionMetadata;
import dev.kafkarest.core.metadata.PartitionMetadata.Replica;
import dev.kafkarest.core.metadata.TopicMetadata;
import dev.kafkarest.server.http.ObjectMapperProvider;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the JSON of the v2 wire records, field names, field order and explicit nulls included, against
 * fixtures in {@code src/test/resources/golden}.
 */
class WireRecordsGoldenJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapperProvider().mapper();

  @Test
  void produceResponse_success_serialisesNullsExplicitly() throws Exception {
    ProduceResponse response = new ProduceResponse(List.of(new ProduceOffset(0, 1L, null, null)), null, null);

    String json = MAPPER.writeValueAsString(response);

    assertEquals("{\"offsets\":[{\"partition\":0,\"offset\":1,\"error_code\":null,\"error\":null}],"
        + "\"key_schema_id\":null,\"value_schema_id\":null}", json);
    assertGolden("produce-response.json", response);
  }

  @Test
  void produceResponse_failedRecord_hasNullPartitionAndOffset() throws Exception {
    ProduceResponse response = new ProduceResponse(List.of(
        new ProduceOffset(2, 100L, null, null),
        new ProduceOffset(null, null, 50003, "Topic orders not present in metadata after 60000 ms.")),
        null, null);

    assertGolden("produce-response-partial-failure.json", response);
  }

  @Test
  void topicResponse_fromMetadata_matchesGolden() throws Exception {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put("cleanup.policy", "delete");
    configs.put("retention.ms", "604800000");
    configs.put("sasl.jaas.config", null);
    TopicMetadata topic = new TopicMetadata("orders", configs, List.of(
        new PartitionMetadata(0, 1, List.of(new Replica(1, true, true), new Replica(2, false, false))),
        new PartitionMetadata(1, -1, List.of(new Replica(2, false, false)))));

    assertGolden("topic-response.json", TopicResponse.of(topic));
  }

  @Test
  void partitionResponse_fromMetadata_writesInSync() throws Exception {
    PartitionMetadata partition =
        new PartitionMetadata(3, 2, List.of(new Replica(2, true, true), new Replica(0, false, true)));

    assertGolden("partition-response.json", PartitionResponse.of(partition));
  }

  @Test
  void partitionOffsetsResponse_offsets_writesBeginningAndEndOffset() throws Exception {
    assertGolden("partition-offsets-response.json", new PartitionOffsetsResponse(5, 9_007_199_254_740_993L));
  }

  @Test
  void brokerList_ids_writesBrokersArray() throws Exception {
    assertGolden("broker-list.json", new BrokerList(List.of(0, 1, 2)));
  }

  /** Compares compact JSON text, so that field order and explicit nulls count, not just equal trees. */
  private static void assertGolden(String fixture, Object value) throws IOException {
    String expected;
    try (InputStream in = WireRecordsGoldenJsonTest.class.getResourceAsStream("/golden/" + fixture)) {
      assertNotNull(in, "missing fixture " + fixture);
      expected = MAPPER.writeValueAsString(MAPPER.readTree(in));
    }
    assertEquals(expected, MAPPER.writeValueAsString(value), fixture);
  }
}
