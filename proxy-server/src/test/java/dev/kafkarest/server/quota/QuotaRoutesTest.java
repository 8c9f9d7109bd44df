package dev.kafkarest.server.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kafkarest.core.quota.QuotaKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuotaRoutesTest {

  @ParameterizedTest
  @CsvSource({
      "POST, topics/orders",
      "POST, /topics/orders",
      "POST, topics/orders/",
      "POST, topics/orders/partitions/0",
      "POST, /topics/orders/partitions/7/",
      "POST, /v1/producer/topics/orders",
      "POST, /topics;x=1/orders",
      "POST, /topics/orders;v=2/partitions;p/0;"})
  void kindOf_produceEndpoints_isProduce(String method, String path) {
    assertEquals(QuotaKind.PRODUCE, QuotaRoutes.kindOf(method, path));
  }

  @ParameterizedTest
  @CsvSource({
      "GET, consumers/g/instances/i/records",
      "GET, /consumers/g/instances/i/records/",
      "GET, /consumers/g/instances/i/topics/orders",
      "GET, /topics/orders/partitions/0/records",
      "GET, /topics/orders/partitions/0/messages",
      "GET, /v1/consumer/topics/orders/partitions/0/offsets/5",
      "HEAD, /topics/orders/partitions/0/records",
      "GET, /consumers;a=b/g/instances/i/records;x"})
  void kindOf_recordReads_isConsume(String method, String path) {
    assertEquals(QuotaKind.CONSUME, QuotaRoutes.kindOf(method, path));
  }

  @ParameterizedTest
  @CsvSource({
      "GET, topics/orders",
      "GET, topics",
      "POST, topics",
      "POST, ''",
      "POST, /",
      "GET, topics/orders/partitions/0",
      "POST, topics/orders/partitions",
      "POST, topics/orders/partitions/0/offsets",
      "POST, topics//partitions/0",
      "POST, /topics//",
      "PUT, topics/orders",
      "POST, consumers/g",
      "POST, consumers/g/instances/i/records",
      "GET, consumers/g/instances/i/offsets",
      "GET, consumers/g/instances//records",
      "DELETE, consumers/g/instances/i",
      "GET, brokers",
      "POST, /;x=1/topics/orders"})
  void kindOf_otherRequests_isNull(String method, String path) {
    assertNull(QuotaRoutes.kindOf(method, path));
  }
}
