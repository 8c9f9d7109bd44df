package dev.kafkarest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.server.ProxyServer;
import dev.kafkarest.server.config.NodeKeys;
import dev.kafkarest.server.config.StreamKeys;
import dev.kafkarest.server.metrics.PrometheusText;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streams by offset, without a consumer instance ({@code GET /topics/{t}/partitions/{p}/records} with a stream's
 * Accept type): SSE framing from an offset, records produced later arriving live, {@code Last-Event-ID},
 * NDJSON in the json format, the checks before the stream starts (416, 404), the bound on open streams (429),
 * and a stream that ends at once when its client goes away.
 */
@ProxyTest
class StatelessStreamIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_STREAMS = 2;
  private static ProxyServer server;
  private static ProxyClient proxy;

  private final KafkaTestClient kafka;

  StatelessStreamIT(KafkaTestClient kafka) {
    this.kafka = kafka;
  }

  @BeforeAll
  static void start(KafkaTestClient kafka) {
    // Heartbeats far apart: a stream whose client went away must end without waiting for its next write.
    server = ProxyExtension.startProxy(kafka.bootstrapServers(), Map.of(
        StreamKeys.HEARTBEAT_INTERVAL_MS, "60000",
        StreamKeys.PARTITIONS_MAX, String.valueOf(MAX_STREAMS)));
    proxy = new ProxyClient(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private void produce(String topic, String... values) {
    List<String> records = new ArrayList<>();
    for (String value : values) {
      records.add("{\"value\":" + value + "}");
    }
    HttpResult result = proxy.produce(topic, MediaTypes.JSON_V2, "{\"records\":[" + String.join(",", records) + "]}");
    assertEquals(200, result.status(), result::toString);
  }

  private static String path(String topic, String query) {
    return "/topics/" + topic + "/partitions/0/records?" + query;
  }

  private static double openStreams() {
    return PrometheusText.parse(proxy.get("/metrics").body()).sum("kafka_rest_stream_partitions_open", Map.of());
  }

  private static void awaitOpenStreams(double expected) {
    Await.until(WAIT, expected + " streams by offset open", StatelessStreamIT::openStreams, open -> open == expected);
  }

  @Test
  void stream_sseFromAnOffset_sendsTheRecordsAsTheReadRendersThemThenNewOnes() throws Exception {
    String topic = kafka.createTopic("stateless-sse", 1);
    produce(topic, "\"zero\"", "{\"n\":1}", "[2]");
    HttpResult read = proxy.get(path(topic, "offset=1&count=2"), "Accept", MediaTypes.BINARY_V2);
    assertEquals(200, read.status(), read::toString);

    try (EventStream stream = EventStream.open(proxy, path(topic, "offset=1"), "Accept", "text/event-stream")) {
      assertEquals(200, stream.status());
      assertTrue(stream.contentType().startsWith("text/event-stream"), stream.contentType());
      List<List<String>> events = stream.events(2, WAIT);

      assertEquals("id: " + topic + "/0/1", events.get(0).get(0));
      assertEquals("id: " + topic + "/0/2", events.get(1).get(0));
      // data is the record exactly as the read by offset renders it (binary by default).
      assertEquals(read.json().get(0), JSON.readTree(events.get(0).get(1).substring("data: ".length())));
      assertEquals(read.json().get(1), JSON.readTree(events.get(1).get(1).substring("data: ".length())));

      produce(topic, "\"live\"");
      List<String> live = stream.events(1, WAIT).get(0);
      assertEquals("id: " + topic + "/0/3", live.get(0));
    }
  }

  @Test
  void stream_lastEventId_resumesRightAfterTheNamedRecord() throws Exception {
    String topic = kafka.createTopic("stateless-resume", 1);
    produce(topic, "0", "1", "2", "3");

    try (EventStream stream = EventStream.open(proxy, path(topic, "offset=0"), "Accept", "text/event-stream",
        "Last-Event-ID", topic + "/0/1")) {
      List<List<String>> events = stream.events(2, WAIT);
      assertEquals("id: " + topic + "/0/2", events.get(0).get(0));
      assertEquals("id: " + topic + "/0/3", events.get(1).get(0));
    }
  }

  @Test
  void stream_ndjsonInTheJsonFormat_sendsOneRecordPerLine() throws Exception {
    String topic = kafka.createTopic("stateless-ndjson", 1);
    produce(topic, "{\"a\":1}", "[2]");

    try (EventStream stream = EventStream.open(proxy, path(topic, "offset=earliest&format=json"), "Accept",
        "application/x-ndjson")) {
      assertEquals(200, stream.status());
      assertTrue(stream.contentType().startsWith("application/x-ndjson"), stream.contentType());
      List<JsonNode> records = new ArrayList<>();
      while (records.size() < 2) {
        String line = stream.next(WAIT);
        assertNotNull(line, "no record within " + WAIT);
        if (!line.isEmpty()) {
          records.add(JSON.readTree(line));
        }
      }
      assertEquals(JSON.readTree("{\"topic\":\"" + topic + "\",\"key\":null,\"value\":{\"a\":1},\"partition\":0,"
          + "\"offset\":0}"), records.get(0));
      assertEquals(1, records.get(1).get("offset").asInt());
    }
  }

  /** A HEAD with a stream type answered nothing and held a stream's place until the client went. */
  @Test
  void head_withAStreamType_is405AtOnceAndOpensNoStream() {
    String topic = kafka.createTopic("stateless-head", 1);
    produce(topic, "0");

    HttpResult head = proxy.method("HEAD", path(topic, "offset=0"), BodyPublishers.noBody(),
        "Accept", "text/event-stream");

    assertEquals(405, head.status(), head::toString);
    assertEquals("GET", head.header("Allow"), head::toString);
    assertEquals(0.0, openStreams());
  }

  @Test
  void stream_offsetOutOfRangeOrUnknownPartition_isRefusedBeforeTheStreamStarts() {
    String topic = kafka.createTopic("stateless-range", 1);
    produce(topic, "0");

    HttpResult outOfRange = proxy.get(path(topic, "offset=5"), "Accept", "text/event-stream");
    assertEquals(416, outOfRange.status(), outOfRange::toString);
    assertEquals(41601, outOfRange.json().get("error_code").asInt());
    HttpResult unknown = proxy.get("/topics/" + topic + "/partitions/3/records?offset=0", "Accept",
        "application/x-ndjson");
    assertEquals(404, unknown.status(), unknown::toString);
    assertEquals(40402, unknown.json().get("error_code").asInt());
    HttpResult badId = proxy.get(path(topic, "offset=0"), "Accept", "text/event-stream", "Last-Event-ID", "nope");
    assertEquals(400, badId.status(), badId::toString);
  }

  @Test
  void shutdown_streamOpen_endsWithAnErrorEventWithoutHoldingTheGracePeriod() throws Exception {
    String topic = kafka.createTopic("stateless-shutdown", 1);
    produce(topic, "0");
    ProxyServer own = ProxyExtension.startProxy(kafka.bootstrapServers(),
        Map.of(StreamKeys.HEARTBEAT_INTERVAL_MS, "60000", NodeKeys.SHUTDOWN_GRACEFUL_MS, "30000"));
    ProxyClient ownClient = new ProxyClient(own.baseUri());
    boolean closed = false;
    try (EventStream stream = EventStream.open(ownClient, path(topic, "offset=0"), "Accept", "text/event-stream")) {
      stream.events(1, WAIT);
      long start = System.nanoTime();

      own.close();
      closed = true;

      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(tookMs < 15_000, "shutdown took " + tookMs + " ms with a stream open (grace 30 s)");
      List<String> last = stream.events(1, WAIT).get(0);
      assertEquals("event: error", last.get(0));
      assertEquals(503, JSON.readTree(last.get(1).substring("data: ".length())).get("error_code").asInt());
      String line;
      do {
        line = stream.next(WAIT);
        assertNotNull(line, "the stream did not end");
      } while (!line.equals(EventStream.END));
    } finally {
      if (!closed) {
        own.close();
      }
    }
  }

  @Test
  void streams_beyondTheLimit_429_andAClosedClientFreesItsPlaceAtOnce() throws Exception {
    String topic = kafka.createTopic("stateless-limit", 1);
    produce(topic, "0");
    awaitOpenStreams(0);
    List<EventStream> open = new ArrayList<>();
    try {
      for (int i = 0; i < MAX_STREAMS; i++) {
        EventStream stream = EventStream.open(proxy, path(topic, "offset=0"), "Accept", "text/event-stream");
        open.add(stream);
        assertEquals(200, stream.status());
        stream.events(1, WAIT);
      }
      assertEquals(MAX_STREAMS, openStreams());

      HttpResult refused = proxy.get(path(topic, "offset=0"), "Accept", "text/event-stream");
      assertEquals(429, refused.status(), refused::toString);
      assertEquals(429, refused.json().get("error_code").asInt());

      // The partition is idle and heartbeats are a minute apart: only the closed connection can end the stream.
      open.remove(0).close();
      awaitOpenStreams(MAX_STREAMS - 1);
      try (EventStream again = EventStream.open(proxy, path(topic, "offset=0"), "Accept", "text/event-stream")) {
        assertEquals(200, again.status());
        assertEquals("id: " + topic + "/0/0", again.events(1, WAIT).get(0).get(0));
      }
    } finally {
      open.forEach(EventStream::close);
    }
    awaitOpenStreams(0);
  }
}
