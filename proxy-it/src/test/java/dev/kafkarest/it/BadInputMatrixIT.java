package dev.kafkarest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkarest.it.BadInputs.BadInput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * The bad-input matrix of issue 13 over HTTP: every row of {@link BadInputs} gets a prompt 4xx with the
 * error envelope in plain words, and no row produces a record (end offsets of the topics it names, read
 * with the Admin client, are the same after the whole matrix), and none logs a line above debug or a stack trace.
 */
@ProxyTest
class BadInputMatrixIT {
  private static final Duration PER_CASE = Duration.ofSeconds(10);
  private static final Pattern JAVA_NAME = Pattern.compile("\\b(java|javax|jakarta|org|com|dev)\\.[a-z]+\\.|\\$[A-Z]"
      + "|[A-Za-z]+(Exception|Error)\\b|\\bat [a-z]+\\.");
  private static final Set<String> ERROR_TYPES = Set.of(MediaTypes.V2, MediaTypes.JSON);

  private final ProxyClient proxy;
  private final KafkaTestClient kafka;

  BadInputMatrixIT(ProxyClient proxy, KafkaTestClient kafka) {
    this.proxy = proxy;
    this.kafka = kafka;
  }

  @TestFactory
  @Timeout(600)
  Stream<DynamicNode> badInput_anyEndpoint_answers4xxInTheEnvelopeAndProducesNothing() {
    String topic = kafka.createTopic("matrix", 1);
    String sentinel = kafka.createTopic("matrix-sentinel", 1);
    RestConsumer consumer = RestConsumer.create(proxy, "matrix-group", "{\"format\": \"binary\"}");
    assertEquals(204, consumer.assign(topic, 0).status());
    HttpResult clusters = proxy.get("/v3/clusters");
    assertEquals(200, clusters.status(), clusters::toString);
    String cluster = clusters.json().path("data").path(0).path("cluster_id").textValue();
    Map<String, String> names = Map.of("{t}", topic, "{s}", sentinel, "{i}", consumer.path(), "{c}", cluster);
    Map<String, Map<Integer, Long>> before = endOffsets(topic, sentinel);
    CapturedLog log = CapturedLog.start();

    List<BadInput> table = BadInputs.all();
    assertTrue(table.size() >= 150, () -> "the matrix has " + table.size() + " rows");
    Map<String, List<DynamicNode>> families = new LinkedHashMap<>();
    for (BadInput row : table) {
      families.computeIfAbsent(row.family(), f -> new ArrayList<>())
          .add(DynamicTest.dynamicTest(row.name(), () -> assertRejected(row, names)));
    }
    Stream<DynamicNode> cases = families.entrySet().stream()
        .map(family -> org.junit.jupiter.api.DynamicContainer.dynamicContainer(family.getKey(), family.getValue()));
    return Stream.concat(cases, Stream.of(
        DynamicTest.dynamicTest("nothing was produced", () -> {
          assertEquals(before, endOffsets(topic, sentinel));
          Set<String> topics = kafka.topicNames(false);
          for (String created : List.of("no-such-topic-matrix", "matrix-v3-new", "matrix-hdi-new")) {
            assertFalse(topics.contains(created), created);
          }
          consumer.delete();
        }),
        DynamicTest.dynamicTest("nothing logged above debug", () -> {
          log.close();
          LogAssertions.assertQuiet(log.text());
        })));
  }

  private void assertRejected(BadInput row, Map<String, String> names) {
    HttpResult result = send(row, names);
    String context = row + " -> " + result;
    assertTrue(result.status() >= 400 && result.status() < 500, () -> "status of " + context);
    assertTrue(result.elapsed().compareTo(PER_CASE) < 0, () -> "took too long: " + context);
    String type = result.mediaType();
    assertTrue(type != null && ERROR_TYPES.contains(type), () -> "error Content-Type of " + context);
    JsonNode body = result.json();
    assertTrue(body.isObject() && body.size() == 2 && body.path("error_code").isInt()
        && body.path("message").isTextual(), () -> "error envelope of " + context);
    assertFalse(JAVA_NAME.matcher(body.get("message").textValue()).find(), () -> "Java names in " + context);
  }

  private HttpResult send(BadInput row, Map<String, String> names) {
    URI base = proxy.baseUri();
    String path = substitute(row.path(), names);
    byte[] body = substitute(new String(row.body(), StandardCharsets.ISO_8859_1), names)
        .getBytes(StandardCharsets.ISO_8859_1);
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
      socket.setSoTimeout((int) PER_CASE.toMillis());
      StringBuilder head = new StringBuilder(row.method()).append(' ').append(path).append(" HTTP/1.1\r\n")
          .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
          .append("Connection: close\r\n");
      row.headers().forEach(line -> head.append(line).append("\r\n"));
      if (row.autoLength() && (body.length > 0 || row.method().equals("POST"))) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      try {
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.flush();
      } catch (IOException e) {
        // the proxy may answer and close before reading all of a bad request; its answer is still there
      }
      return RawHttp.read(socket.getInputStream(), start);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("No complete answer within " + PER_CASE + " to " + row, e);
    } catch (IOException e) {
      throw new UncheckedIOException(row.toString(), e);
    }
  }

  private static String substitute(String text, Map<String, String> names) {
    String result = text;
    for (Map.Entry<String, String> name : names.entrySet()) {
      result = result.replace(name.getKey(), name.getValue());
    }
    return result;
  }

  private Map<String, Map<Integer, Long>> endOffsets(String... topics) {
    Map<String, Map<Integer, Long>> offsets = new LinkedHashMap<>();
    for (String topic : topics) {
      offsets.put(topic, kafka.endOffsets(topic));
    }
    return offsets;
  }
}
