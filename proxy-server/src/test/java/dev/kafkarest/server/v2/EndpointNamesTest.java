package dev.kafkarest.server.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointNamesTest {
  @ParameterizedTest
  @CsvSource(nullValues = "-", value = {
      "GET, /, -, api.v2.root.get",
      "POST, /, -, api.v2.root.post",
      "GET, /topics, -, api.v2.topics.list",
      "GET, /topics/t, -, api.v2.topics.get",
      "POST, /topics/t, application/vnd.kafka.binary.v2+json, api.v2.produce-to-topic.binary",
      "POST, /topics/t, application/vnd.kafka.json.v2+json, api.v2.produce-to-topic.json",
      "POST, /topics/t, application/vnd.kafka.jsonschema.v2+json, api.v2.produce-to-topic.json-schema",
      "POST, /topics/t, application/json, api.v2.produce-to-topic.binary",
      "POST, /topics/t, -, api.v2.produce-to-topic.binary",
      "GET, /topics/t/partitions, -, api.v2.partitions.list",
      "GET, /topics/t/partitions/0, -, api.v2.partitions.get",
      "GET, /topics/t/partitions/0/offsets, -, api.v2.partitions.get-offsets",
      "POST, /topics/t/partitions/0, application/vnd.kafka.avro.v2+json, api.v2.produce-to-partition.avro",
      "GET, /brokers, -, api.v2.brokers.list",
      "POST, /consumers/g, -, api.v2.consumers.create",
      "DELETE, /consumers/g/instances/i, -, api.v2.consumers.delete",
      "POST, /consumers/g/instances/i/subscription, -, api.v2.consumers.subscribe",
      "GET, /consumers/g/instances/i/subscription, -, api.v2.consumers.get-subscription",
      "DELETE, /consumers/g/instances/i/subscription, -, api.v2.consumers.unsubscribe",
      "POST, /consumers/g/instances/i/assignments, -, api.v2.consumers.assign",
      "GET, /consumers/g/instances/i/assignments, -, api.v2.consumers.get-assignments",
      "POST, /consumers/g/instances/i/positions, -, api.v2.consumers.seek-to-offset",
      "POST, /consumers/g/instances/i/positions/beginning, -, api.v2.consumers.seek-to-beginning",
      "POST, /consumers/g/instances/i/positions/end, -, api.v2.consumers.seek-to-end",
      "POST, /consumers/g/instances/i/offsets, -, api.v2.consumers.commit-offsets",
      "GET, /consumers/g/instances/i/offsets, -, api.v2.consumers.get-committed-offsets",
      "GET, /consumers/g/instances/i/records, application/vnd.kafka.json.v2+json, api.v2.consumers.consume-json",
      "GET, /consumers/g/instances/i/records, */*, api.v2.consumers.consume-binary"
  })
  void of_request_isConfluentsName(String method, String path, String mediaType, String name) {
    assertEquals(Optional.of(name), EndpointNames.of(method, path, mediaType));
  }

  @Test
  void of_pathOutsideTheV2Api_hasNoName() {
    assertEquals(Optional.empty(), EndpointNames.of("GET", "/healthz", null));
    assertEquals(Optional.empty(), EndpointNames.of("PUT", "/topics", null));
  }

  @Test
  void family_name_isItsClassWildcard() {
    assertEquals("api.v2.produce-to-topic.*", EndpointNames.family("api.v2.produce-to-topic.json"));
  }

  @Test
  void blocked_allowlistByFamily_allowsTheFamilyOnly() {
    EndpointAccessFilter filter = new EndpointAccessFilter(Set.of("api.v2.topics.*", "api.v2.brokers.list"), Set.of());

    assertFalse(filter.blocked("api.v2.topics.list"));
    assertFalse(filter.blocked("api.v2.brokers.list"));
    assertTrue(filter.blocked("api.v2.produce-to-topic.binary"));
  }

  @Test
  void blocked_blocklistByNameOrFamily_blocksThoseOnly() {
    EndpointAccessFilter filter = new EndpointAccessFilter(Set.of(),
        Set.of("api.v2.consumers.*", "api.v2.produce-to-topic.json"));

    assertTrue(filter.blocked("api.v2.consumers.create"));
    assertTrue(filter.blocked("api.v2.produce-to-topic.json"));
    assertFalse(filter.blocked("api.v2.produce-to-topic.binary"));
    assertFalse(filter.blocked("api.v2.topics.list"));
  }

  @Test
  void blocked_nameInBothLists_isBlocked() {
    EndpointAccessFilter filter = new EndpointAccessFilter(Set.of("api.v2.topics.*"), Set.of("api.v2.topics.get"));

    assertTrue(filter.blocked("api.v2.topics.get"));
    assertFalse(filter.blocked("api.v2.topics.list"));
  }

  @ParameterizedTest
  @CsvSource(nullValues = "-", value = {
      "/topics, /topics",
      "topics, /topics",
      "/topics/, /topics",
      "//topics//t/, /topics/t",
      "/topics;x=1/t;y=2, /topics/t",
      "'', /",
      "-, /",
      "/, /"
  })
  void normalize_path_isWhatJerseyRoutes(String path, String normalized) {
    assertEquals(normalized, EndpointAccessFilter.normalize(path));
  }
}
