package dev.kafkarest.it;

import static dev.kafkarest.it.ProxyAssertions.assertOkV2;
import static dev.kafkarest.it.ProxyAssertions.assertProduced;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The v2 calls a client makes with credentials: every request carries the same extra headers (an
 * {@code Authorization} header), and each step asserts success.
 */
public final class AuthenticatedFlow {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

  private final ProxyClient proxy;
  private final String[] headers;

  /** @param headers name-value pairs sent with every request, such as {@code "Authorization", "Basic ..."} */
  public AuthenticatedFlow(ProxyClient proxy, String... headers) {
    this.proxy = proxy;
    this.headers = headers.clone();
  }

  /** {@return the body of a produce request with one binary record} */
  public static String binaryRecord(String value) {
    return "{\"records\":[{\"value\":\"" + Payloads.b64(value) + "\"}]}";
  }

  /** Produces one binary record and asserts it landed in Kafka, read back with a native consumer. */
  public void produceLands(KafkaTestClient kafka, String topic, String value) {
    long before = kafka.recordCount(topic);
    assertProduced(proxy.produce(topic, MediaTypes.BINARY_V2, binaryRecord(value), headers), 1);
    List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
    assertEquals(before + 1, records.size(), "records in " + topic);
    assertEquals(value, Payloads.utf8(records.get(records.size() - 1).value()));
  }

  /**
   * Creates a consumer instance, subscribes it to {@code topic}, reads until {@code values} arrived (in
   * order), commits and deletes the instance.
   */
  public void consumeRoundTrip(String topic, List<String> values) {
    String group = KafkaTestClient.uniqueName("auth-group");
    JsonNode created = assertOkV2(proxy.post("/consumers/" + group, MediaTypes.V2,
        "{\"format\":\"binary\",\"auto.offset.reset\":\"earliest\"}", headers));
    String path = "/consumers/" + group + "/instances/" + created.get("instance_id").textValue();
    assertEquals(204, proxy.post(path + "/subscription", MediaTypes.V2, "{\"topics\":[\"" + topic + "\"]}", headers)
        .status(), "subscribe");
    List<String> read = new ArrayList<>();
    long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
    while (read.size() < values.size()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("read " + read + " of " + values + " within " + READ_TIMEOUT);
      }
      HttpResult result = proxy.get(path + "/records?timeout=1000", withHeaders("Accept", MediaTypes.BINARY_V2));
      assertEquals(200, result.status(), () -> "read records: " + result);
      result.json().forEach(record ->
          read.add(Payloads.utf8(Base64.getDecoder().decode(record.get("value").textValue()))));
    }
    assertEquals(values, read);
    assertEquals(200, proxy.post(path + "/offsets", MediaTypes.V2, BodyPublishers.noBody(), headers).status(),
        "commit");
    assertEquals(204, proxy.method("DELETE", path, BodyPublishers.noBody(), headers).status(), "delete");
  }

  private String[] withHeaders(String... more) {
    String[] all = new String[headers.length + more.length];
    System.arraycopy(headers, 0, all, 0, headers.length);
    System.arraycopy(more, 0, all, headers.length, more.length);
    return all;
  }
}
