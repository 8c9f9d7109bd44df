package dev.kafkarest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A consumer instance driven over HTTP, as a Confluent v2 client would: every call returns the raw
 * {@link HttpResult}, except {@link #create} and {@link #readUntil}, which assert success.
 */
public final class RestConsumer {
  private final ProxyClient proxy;
  private final String group;
  private final String name;
  private final String path;

  private RestConsumer(ProxyClient proxy, String group, String name) {
    this.proxy = proxy;
    this.group = group;
    this.name = name;
    this.path = "/consumers/" + group + "/instances/" + name;
  }

  /** Creates an instance with the given JSON body and asserts 200. */
  public static RestConsumer create(ProxyClient proxy, String group, String body) {
    HttpResult result = proxy.post("/consumers/" + group, MediaTypes.V2, body);
    assertEquals(200, result.status(), () -> "create consumer: " + result);
    return new RestConsumer(proxy, group, result.json().get("instance_id").textValue());
  }

  /** {@return a handle on an instance by name, without creating it} */
  public static RestConsumer named(ProxyClient proxy, String group, String name) {
    return new RestConsumer(proxy, group, name);
  }

  public String group() {
    return group;
  }

  public String name() {
    return name;
  }

  /** {@return the instance's path, such as {@code /consumers/g/instances/i}} */
  public String path() {
    return path;
  }

  public HttpResult subscribe(String... topics) {
    String list = Arrays.stream(topics).map(t -> "\"" + t + "\"").collect(Collectors.joining(","));
    return post("/subscription", "{\"topics\":[" + list + "]}");
  }

  public HttpResult assign(String topic, int... partitions) {
    return post("/assignments", partitionsBody(topic, partitions));
  }

  public HttpResult seek(String topic, int partition, long offset) {
    return post("/positions",
        "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":" + partition + ",\"offset\":" + offset + "}]}");
  }

  public HttpResult seekToBeginning(String topic, int... partitions) {
    return post("/positions/beginning", partitionsBody(topic, partitions));
  }

  public HttpResult seekToEnd(String topic, int... partitions) {
    return post("/positions/end", partitionsBody(topic, partitions));
  }

  public HttpResult commit() {
    return proxy.post(path + "/offsets", MediaTypes.V2, BodyPublishers.noBody());
  }

  public HttpResult commit(String topic, int partition, long offset) {
    return post("/offsets",
        "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":" + partition + ",\"offset\":" + offset + "}]}");
  }

  /** {@code GET .../offsets} with Confluent's JSON body. */
  public HttpResult committed(String topic, int... partitions) {
    return proxy.method("GET", path + "/offsets", BodyPublishers.ofString(partitionsBody(topic, partitions)),
        "Content-Type", MediaTypes.V2);
  }

  public HttpResult read(String accept, long timeoutMs) {
    return proxy.get(path + "/records?timeout=" + timeoutMs, "Accept", accept);
  }

  public HttpResult read(String accept, long timeoutMs, long maxBytes) {
    return proxy.get(path + "/records?timeout=" + timeoutMs + "&max_bytes=" + maxBytes, "Accept", accept);
  }

  /** Reads until {@code count} records arrived (asserting 200 on each read) and returns them in order. */
  public List<JsonNode> readUntil(String accept, int count, Duration timeout) {
    List<JsonNode> records = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (records.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("read " + records.size() + " of " + count + " records within " + timeout
            + ": " + records);
      }
      HttpResult result = read(accept, 1000);
      assertEquals(200, result.status(), () -> "read records: " + result);
      result.json().forEach(records::add);
    }
    return records;
  }

  public HttpResult delete() {
    return proxy.method("DELETE", path, BodyPublishers.noBody());
  }

  public HttpResult post(String suffix, String body) {
    return proxy.post(path + suffix, MediaTypes.V2, body);
  }

  static String partitionsBody(String topic, int... partitions) {
    String list = Arrays.stream(partitions)
        .mapToObj(p -> "{\"topic\":\"" + topic + "\",\"partition\":" + p + "}")
        .collect(Collectors.joining(","));
    return "{\"partitions\":[" + list + "]}";
  }
}
