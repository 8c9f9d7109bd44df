package dev.kafkarest.it;

import static dev.kafkarest.it.Payloads.b64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The access log of the shared proxy: one line per request on the {@code kafka.rest.access} logger, naming
 * the request's id, which every response echoes in {@code X-Request-Id}. Logback writes it to
 * {@code System.err}, which the test copies meanwhile.
 */
@ProxyTest
class AccessLogIT {
  private static final Pattern FIELD = Pattern.compile("(\\w+)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");
  /** How long the stream test keeps its stream open after the first event. */
  private static final long STREAM_OPEN_MS = 300;

  private final ProxyClient proxy;
  private final KafkaTestClient kafka;

  AccessLogIT(ProxyClient proxy, KafkaTestClient kafka) {
    this.proxy = proxy;
    this.kafka = kafka;
  }

  @Test
  void produce_oneLineWithTemplateStatusBytesAndTheClientsRequestId() {
    String topic = kafka.createTopic("access-log", 1);
    String id = KafkaTestClient.uniqueName("it-produce");
    String body = "{\"records\":[{\"value\":\"" + b64("hello") + "\"}]}";

    try (StderrCapture log = new StderrCapture()) {
      HttpResult result = proxy.produce(topic, MediaTypes.BINARY_V2, body, "X-Request-Id", id);

      Map<String, String> line = awaitLine(log, id);
      assertEquals(200, result.status(), result::toString);
      assertEquals(id, result.header("X-Request-Id"));
      assertEquals("POST", line.get("method"));
      assertEquals("/topics/{topic}", line.get("template"));
      assertEquals("/topics/" + topic, line.get("path"));
      assertEquals("200", line.get("status"));
      assertEquals("-", line.get("error_code"));
      assertEquals(Integer.toString(body.length()), line.get("bytes_in"));
      assertEquals(Integer.toString(result.body().length()), line.get("bytes_out"));
      assertEquals("-", line.get("principal"));
      assertEquals("127.0.0.1", line.get("client"));
      assertTrue(line.get("latency_ms").matches("\\d+\\.\\d{3}"), line::toString);
      assertTrue(line.get("time").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), line::toString);
    }
  }

  @Test
  void read_largeBodyWrittenAsTheClientReads_lineCountsTheWholeBody() {
    String topic = kafka.createTopic("access-log-large", 1);
    String value = b64("v".repeat(300_000));
    for (int i = 0; i < 6; i++) {
      assertEquals(200, proxy.produce(topic, MediaTypes.BINARY_V2, "{\"records\":[{\"value\":\"" + value + "\"}]}")
          .status());
    }
    // Answers after its 10 s with all six records (fetch.min.bytes is not reached): 2.4 MB of base64, above
    // http.write.async.min.bytes (1 MiB by default), so the body is handed over as the client reads it.
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("access-large"),
        "{\"format\":\"binary\",\"auto.offset.reset\":\"earliest\",\"fetch.min.bytes\":10000000,"
            + "\"consumer.request.timeout.ms\":10000}");
    assertEquals(204, consumer.assign(topic, 0).status());

    try (StderrCapture log = new StderrCapture()) {
      HttpResult result = consumer.read(MediaTypes.BINARY_V2, 10_000, 64_000_000);

      assertEquals(200, result.status(), result::toString);
      int length = result.body().getBytes(StandardCharsets.UTF_8).length;
      assertTrue(length > 2_400_000, () -> "body of " + length + " bytes");
      assertEquals(String.valueOf(length), result.header("Content-Length"));
      assertEquals(null, result.header("Transfer-Encoding"));
      assertEquals(6, result.json().size());
      Map<String, String> line = awaitLine(log, result.header("X-Request-Id"));
      assertEquals("200", line.get("status"));
      assertEquals(Integer.toString(length), line.get("bytes_out"), line::toString);
    } finally {
      consumer.delete();
    }
  }

  @Test
  void stream_lineWrittenWhenTheStreamEnds_withItsDurationAndBytes() throws Exception {
    String topic = kafka.createTopic("access-log-stream", 1);
    assertEquals(200, proxy.produce(topic, MediaTypes.JSON_V2, "{\"records\":[{\"value\":{\"n\":1}}]}").status());
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("access-stream"),
        "{\"format\":\"json\",\"auto.offset.reset\":\"earliest\"}");
    assertEquals(204, consumer.assign(topic, 0).status());
    String id = KafkaTestClient.uniqueName("it-stream");

    try (StderrCapture log = new StderrCapture()) {
      int eventBytes;
      try (EventStream stream = EventStream.open(proxy, consumer.path() + "/records", "Accept", "text/event-stream",
          "X-Request-Id", id)) {
        assertEquals(200, stream.status());
        List<String> event = stream.events(1, Duration.ofSeconds(10)).get(0);
        eventBytes = String.join("\n", event).getBytes(StandardCharsets.UTF_8).length + 2;
        Thread.sleep(STREAM_OPEN_MS); // the stream stays open a while after its first event
        assertFalse(log.text().contains("request_id=" + id), "the line came before the stream ended");
      }

      Map<String, String> line = awaitLine(log, id);
      assertEquals("GET", line.get("method"));
      assertEquals("/consumers/{group}/instances/{instance}/records", line.get("template"));
      assertEquals("200", line.get("status"));
      long bytesOut = Long.parseLong(line.get("bytes_out"));
      assertTrue(bytesOut >= eventBytes, () -> "bytes_out " + bytesOut + " < the event's " + eventBytes + ": " + line);
      double latencyMs = Double.parseDouble(line.get("latency_ms"));
      assertTrue(latencyMs >= STREAM_OPEN_MS, () -> "latency_ms " + latencyMs + " is not the stream's duration");
    } finally {
      consumer.delete();
    }
  }

  @Test
  void error_lineNamesTheErrorCode_andAGeneratedIdIsEchoed() {
    try (StderrCapture log = new StderrCapture()) {
      HttpResult result = proxy.getTopic(KafkaTestClient.uniqueName("access-missing"));

      String id = result.header("X-Request-Id");
      assertTrue(id != null && id.matches("[0-9a-f]{32}"), result.headers()::toString);
      Map<String, String> line = awaitLine(log, id);
      assertEquals(404, result.status());
      assertEquals("/topics/{topic}", line.get("template"));
      assertEquals("404", line.get("status"));
      assertEquals("40401", line.get("error_code"));
    }
  }

  @Test
  void unsafeRequestId_isNotLoggedNorEchoed() {
    String unsafe = "evil\" status=200 x";
    try (StderrCapture log = new StderrCapture()) {
      HttpResult result = proxy.getRoot("X-Request-Id", unsafe);

      String id = result.header("X-Request-Id");
      assertTrue(id != null && id.matches("[0-9a-f]{32}"), String.valueOf(id));
      awaitLine(log, id);
      assertFalse(log.text().contains("evil"), "the unsafe id reached the log");
    }
  }

  /** Awaits the access log line with this request id and {@return its fields} */
  private static Map<String, String> awaitLine(StderrCapture log, String requestId) {
    String line = Await.until(Duration.ofSeconds(10), "the access log line of " + requestId,
        () -> log.text().lines().filter(l -> l.contains("kafka.rest.access") && l.endsWith("request_id=" + requestId))
            .findFirst().orElse(null),
        found -> found != null);
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher matcher = FIELD.matcher(line.substring(line.indexOf("time=")));
    while (matcher.find()) {
      fields.put(matcher.group(1), matcher.group(2));
    }
    return fields;
  }
}
