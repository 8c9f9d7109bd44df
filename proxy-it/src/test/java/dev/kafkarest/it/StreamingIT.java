package dev.kafkarest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.server.ProxyServer;
import dev.kafkarest.server.config.StreamKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streamed reads on consumer instances: server-sent events (ids, data, heartbeats), resuming with
 * {@code Last-Event-ID}, NDJSON, other calls while a stream is open, and deletion ending a stream.
 */
@ProxyTest
class StreamingIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ProxyServer server;
  private static ProxyClient proxy;

  private final KafkaTestClient kafka;

  StreamingIT(KafkaTestClient kafka) {
    this.kafka = kafka;
  }

  @BeforeAll
  static void start(KafkaTestClient kafka) {
    server = ProxyExtension.startProxy(kafka.bootstrapServers(), Map.of(StreamKeys.HEARTBEAT_INTERVAL_MS, "300"));
    proxy = new ProxyClient(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private RestConsumer assigned(String topic) {
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("g"),
        "{\"format\":\"json\",\"auto.offset.reset\":\"earliest\"}");
    assertEquals(204, consumer.assign(topic, 0).status());
    return consumer;
  }

  private void produce(String topic, String... values) {
    List<String> records = new ArrayList<>();
    for (String value : values) {
      records.add("{\"value\":" + value + "}");
    }
    HttpResult result = proxy.produce(topic, MediaTypes.JSON_V2, "{\"records\":[" + String.join(",", records) + "]}");
    assertEquals(200, result.status(), result::toString);
  }

  @Test
  void stream_sse_sendsOneEventPerRecordWithIdAndTheRecordsCallsJson() throws Exception {
    String topic = kafka.createTopic("sse", 1);
    produce(topic, "{\"n\":1}", "\"two\"");
    RestConsumer consumer = assigned(topic);
    try (EventStream stream = EventStream.open(proxy, consumer.path() + "/records", "Accept", "text/event-stream")) {
      assertEquals(200, stream.status());
      assertTrue(stream.contentType().startsWith("text/event-stream"), stream.contentType());
      List<List<String>> events = stream.events(2, WAIT);

      assertEquals("id: " + topic + "/0/0", events.get(0).get(0));
      JsonNode first = JSON.readTree(events.get(0).get(1).substring("data: ".length()));
      assertEquals(JSON.readTree("{\"topic\":\"" + topic + "\",\"key\":null,\"value\":{\"n\":1},\"partition\":0,"
          + "\"offset\":0}"), first);
      assertEquals(List.of("id: " + topic + "/0/1", "data: {\"topic\":\"" + topic + "\",\"key\":null,\"value\":\"two\","
          + "\"partition\":0,\"offset\":1}"), events.get(1));

      produce(topic, "3");
      assertEquals("id: " + topic + "/0/2", stream.events(1, WAIT).get(0).get(0));
    }
    consumer.delete();
  }

  @Test
  void stream_idle_sendsHeartbeatCommentsAtTheConfiguredInterval() throws Exception {
    String topic = kafka.createTopic("heartbeat", 1);
    RestConsumer consumer = assigned(topic);
    try (EventStream stream = EventStream.open(proxy, consumer.path() + "/records", "Accept", "text/event-stream")) {
      long start = System.nanoTime();
      int heartbeats = 0;
      while (heartbeats < 3) {
        String line = stream.next(Duration.ofSeconds(5));
        assertNotNull(line, "no heartbeat within 5 s");
        if (line.equals(":")) {
          heartbeats++;
        }
      }
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(elapsedMs >= 600 && elapsedMs < 5_000, "3 heartbeats at 300 ms took " + elapsedMs + " ms");
    }
    consumer.delete();
  }

  @Test
  void stream_lastEventId_resumesRightAfterTheNamedRecord() throws Exception {
    String topic = kafka.createTopic("resume", 1);
    produce(topic, "0", "1", "2", "3");
    RestConsumer consumer = assigned(topic);
    consumer.readUntil(MediaTypes.JSON_V2, 4, WAIT);
    try (EventStream stream = EventStream.open(proxy, consumer.path() + "/records", "Accept", "text/event-stream",
        "Last-Event-ID", topic + "/0/1")) {
      List<List<String>> events = stream.events(2, WAIT);
      assertEquals("id: " + topic + "/0/2", events.get(0).get(0));
      assertEquals("id: " + topic + "/0/3", events.get(1).get(0));
    }
    consumer.delete();
  }

  @Test
  void stream_badLastEventId_answers400() {
    String topic = kafka.createTopic("badid", 1);
    RestConsumer consumer = assigned(topic);
    try (EventStream stream = EventStream.open(proxy, consumer.path() + "/records", "Accept", "text/event-stream",
        "Last-Event-ID", "not-an-id")) {
      assertEquals(400, stream.status());
    }
    consumer.delete();
  }

  @Test
  void stream_ndjson_sendsOneRecordPerLine() throws Exception {
    String topic = kafka.createTopic("ndjson", 1);
    produce(topic, "{\"a\":1}", "[2]");
    RestConsumer consumer = assigned(topic);
    try (EventStream stream = EventStream.open(proxy, consumer.path() + "/records", "Accept",
        "application/x-ndjson")) {
      assertEquals(200, stream.status());
      assertTrue(stream.contentType().startsWith("application/x-ndjson"), stream.contentType());
      List<JsonNode> records = new ArrayList<>();
      while (records.size() < 2) {
        String line = stream.next(WAIT);
        assertNotNull(line);
        if (!line.isEmpty()) {
          records.add(JSON.readTree(line));
        }
      }
      assertEquals(JSON.readTree("{\"a\":1}"), records.get(0).get("value"));
      assertEquals(1, records.get(1).get("offset").asInt());
    }
    consumer.delete();
  }

  @Test
  void stream_open_otherCallsOnTheInstanceStillWork() throws Exception {
    String topic = kafka.createTopic("second", 1);
    produce(topic, "0", "1");
    RestConsumer consumer = assigned(topic);
    try (EventStream stream = EventStream.open(proxy, consumer.path() + "/records", "Accept", "text/event-stream")) {
      stream.events(2, WAIT);
      assertEquals(200, consumer.commit().status());
      HttpResult committed = consumer.committed(topic, 0);
      assertEquals(2, committed.json().get("offsets").get(0).get("offset").asInt(), committed::toString);
      assertEquals(204, consumer.seek(topic, 0, 0).status());
      assertEquals("id: " + topic + "/0/0", stream.events(1, WAIT).get(0).get(0));
    }
    consumer.delete();
  }

  @Test
  void stream_instanceDeleted_endsWithAnErrorEvent() throws Exception {
    String topic = kafka.createTopic("deleted", 1);
    RestConsumer consumer = assigned(topic);
    try (EventStream stream = EventStream.open(proxy, consumer.path() + "/records", "Accept", "text/event-stream")) {
      assertEquals(200, stream.status());
      assertEquals(204, consumer.delete().status());
      List<List<String>> events = stream.events(1, WAIT);
      assertEquals("event: error", events.get(0).get(0));
      assertEquals(40403, JSON.readTree(events.get(0).get(1).substring("data: ".length())).get("error_code").asInt());
      String line;
      do {
        line = stream.next(WAIT);
        assertNotNull(line, "the stream did not end");
      } while (!line.equals(EventStream.END));
    }
  }

  @Test
  void records_genericAccept_stillAnswersJson() {
    String topic = kafka.createTopic("generic", 1);
    RestConsumer consumer = assigned(topic);
    HttpResult result = consumer.read("*/*", 200);
    assertEquals(200, result.status());
    assertEquals("[]", result.body());
    consumer.delete();
  }
}
