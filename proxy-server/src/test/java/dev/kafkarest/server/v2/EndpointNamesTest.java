package dev.kafkarest.server.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.server.access.DenyAllProxy;
import dev.kafkarest.server.hdinsight.HdInsightApi;
import dev.kafkarest.server.v3.V3Api;
import java.util.List;
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
      "GET, /consumers/g/instances/i/records, */*, api.v2.consumers.consume-binary",
      "HEAD, /consumers/g/instances/i/records, application/vnd.kafka.json.v2+json, api.v2.consumers.consume-json",
      "HEAD, /topics, -, api.v2.topics.list",
      // The proxy's own endpoints, named in the same way.
      "GET, /consumers/g/instances/i/topics/t, application/vnd.kafka.json.v1+json, api.v2.consumers.consume-json",
      "GET, /topics/t/partitions/0/records, application/vnd.kafka.json.v2+json, api.v2.consume-from-partition.json",
      "GET, /topics/t/partitions/0/records, text/event-stream, api.v2.consume-from-partition.binary",
      "HEAD, /topics/t/partitions/0/messages, -, api.v2.consume-from-partition.binary",
      "GET, /v1/metadata/brokers, -, api.v1.hdinsight.metadata.brokers",
      "GET, /v1/metadata/topics, -, api.v1.hdinsight.metadata.topics",
      "GET, /v1/metadata/topics/t/partitions, -, api.v1.hdinsight.metadata.partitions",
      "GET, /v1/metadata/topics/t/partitions/0, -, api.v1.hdinsight.metadata.partition",
      "POST, /v1/producer/topics/t, application/json, api.v1.hdinsight.producer.produce",
      "GET, /v1/consumer/topics/t/partitions/0/offsets/5, -, api.v1.hdinsight.consumer.consume",
      "PUT, /v1/topics/t, -, api.v1.hdinsight.topics.create",
      "DELETE, /v1/topics/t, -, api.v1.hdinsight.topics.delete"
  })
  void of_request_isConfluentsName(String method, String path, String mediaType, String name) {
    assertEquals(Optional.of(name), EndpointNames.of(method, path, mediaType));
  }

  @ParameterizedTest
  @CsvSource({
      "GET, /v3/clusters, api.v3.clusters.list",
      "GET, /v3/clusters/c, api.v3.clusters.get",
      "GET, /v3/clusters/c/brokers, api.v3.brokers.list",
      "GET, /v3/clusters/c/brokers/1, api.v3.brokers.get",
      "GET, /v3/clusters/c/topics, api.v3.topics.list",
      "POST, /v3/clusters/c/topics, api.v3.topics.create",
      "GET, /v3/clusters/c/topics/t, api.v3.topics.get",
      "DELETE, /v3/clusters/c/topics/t, api.v3.topics.delete",
      "PATCH, /v3/clusters/c/topics/t, api.v3.topics.partitions",
      "POST, /v3/clusters/c/topics/t/configs:alter, api.v3.topic-configs.alter",
      "GET, /v3/clusters/c/topics/t/configs, api.v3.topic-configs.list",
      "GET, /v3/clusters/c/topics/-/configs, api.v3.topic-configs.list",
      "GET, /v3/clusters/c/topics/t/configs/retention.ms, api.v3.topic-configs.get",
      "PUT, /v3/clusters/c/topics/t/configs/retention.ms, api.v3.topic-configs.update",
      "DELETE, /v3/clusters/c/topics/t/configs/retention.ms, api.v3.topic-configs.delete",
      "GET, /v3/clusters/c/topics/t/partitions, api.v3.partitions.list",
      "GET, /v3/clusters/c/topics/t/partitions/0, api.v3.partitions.get",
      "GET, /v3/clusters/c/topics/t/partitions/0/offset, api.v3.partitions.list.offsets",
      "GET, /v3/clusters/c/consumer-groups, api.v3.consumer-groups.list",
      "GET, /v3/clusters/c/consumer-groups/g, api.v3.consumer-groups.get",
      "GET, /v3/clusters/c/consumer-groups/g/consumers, api.v3.consumers.list",
      "GET, /v3/clusters/c/consumer-groups/g/consumers/m, api.v3.consumers.get",
      "GET, /v3/clusters/c/consumer-groups/g/consumers/m/assignments, api.v3.consumer-assignments.list",
      "GET, /v3/clusters/c/consumer-groups/g/consumers/m/assignments/t/partitions/0, api.v3.consumer-assignments.get",
      "GET, /v3/clusters/c/consumer-groups/g/lags, api.v3.consumer-lags.list",
      "GET, /v3/clusters/c/consumer-groups/g/lags/t/partitions/0, api.v3.consumer-lags.get",
      "GET, /v3/clusters/c/consumer-groups/g/lag-summary, api.v3.consumer-group-lag-summary.get"
  })
  void of_v3Request_isConfluentsName(String method, String path, String name) {
    assertEquals(Optional.of(name), EndpointNames.of(method, path, null));
  }

  /**
   * Every endpoint of the v2, v3 and HDInsight resources has a name, so that a non-empty allowlist serves none that
   * it does not list; a new endpoint without a name fails here.
   */
  @Test
  void of_everyEndpoint_hasAName() {
    Set<String> endpoints = DenyAllProxy.endpoints(V2Api.class.getPackageName(), V3Api.class.getPackageName(),
        HdInsightApi.class.getPackageName());
    List<String> unnamed = endpoints.stream()
        .filter(endpoint -> {
          String[] parts = endpoint.split(" ", 2);
          String path = parts[1].replaceAll("\\{[^}]+}", "x");
          return EndpointNames.of(parts[0], EndpointAccessFilter.normalize(path), null).isEmpty();
        })
        .toList();

    assertTrue(endpoints.size() > 50, () -> "found too few endpoints: " + endpoints);
    assertEquals(List.of(), unnamed);
  }

  @Test
  void family_partitionOffsets_isConfluentsClassName() {
    assertEquals("api.v3.partition-offsets.*", EndpointNames.family("api.v3.partitions.list.offsets"));
    assertEquals("api.v3.consumer-lags.*", EndpointNames.family("api.v3.consumer-lags.list"));
  }

  @Test
  void blocked_v2AllowlistOnly_blocksV3() {
    EndpointAccessFilter filter = new EndpointAccessFilter(Set.of("api.v2.topics.*"), Set.of());

    assertTrue(filter.blocked("api.v3.topics.list"));
    assertTrue(filter.blocked("api.v3.consumer-lags.list"));
  }

  @Test
  void blocked_v3Allowlist_allowsListedV3Only() {
    EndpointAccessFilter filter = new EndpointAccessFilter(
        Set.of("api.v3.consumer-groups.*", "api.v3.consumer-lags.list", "api.v3.partition-offsets.*"), Set.of());

    assertFalse(filter.blocked("api.v3.consumer-groups.list"));
    assertFalse(filter.blocked("api.v3.consumer-lags.list"));
    assertFalse(filter.blocked("api.v3.partitions.list.offsets"));
    assertTrue(filter.blocked("api.v3.consumer-lags.get"));
    assertTrue(filter.blocked("api.v3.topics.delete"));
  }

  @Test
  void of_pathOutsideTheV2Api_hasNoName() {
    assertEquals(Optional.empty(), EndpointNames.of("GET", "/healthz", null));
    assertEquals(Optional.empty(), EndpointNames.of("PUT", "/topics", null));
    assertEquals(Optional.empty(), EndpointNames.of("GET", "/v3/clusters/c/acls", null));
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
