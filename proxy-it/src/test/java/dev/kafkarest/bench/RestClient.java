package dev.kafkarest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Control calls to the proxy (consumer instances and their settings) over one keep-alive connection. */
final class RestClient implements AutoCloseable {
  private final String hostPort;
  private final HttpConnection connection;

  RestClient(ProxyProcess proxy) throws IOException {
    this(proxy.port());
  }

  /** A client of whatever listens on {@code port} of 127.0.0.1: a proxy, or a balancer in front of several. */
  RestClient(int port) throws IOException {
    this.hostPort = "127.0.0.1:" + port;
    this.connection = new HttpConnection("127.0.0.1", port);
  }

  /** {@return the status of one call}; {@link #body()} holds the response body */
  int call(String method, String path, @Nullable String json) throws IOException {
    byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
    String[] headers = json == null
        ? new String[] {"Accept: " + Payloads.V2_TYPE}
        : new String[] {"Accept: " + Payloads.V2_TYPE, "Content-Type: " + Payloads.V2_TYPE};
    return connection.exchange(HttpConnection.request(method, path, hostPort, headers, body));
  }

  /** Calls and fails unless the status is the expected one. */
  void expect(int status, String method, String path, @Nullable String json) throws IOException {
    int actual = call(method, path, json);
    if (actual != status) {
      throw new IOException(method + " " + path + " answered " + actual + " (expected " + status + "): "
          + ProduceScenarios.abbreviate(body()));
    }
  }

  String body() {
    return connection.bodyString();
  }

  HttpConnection connection() {
    return connection;
  }

  /** Creates a binary instance that starts from the earliest offset and never auto-commits. */
  void createBinaryInstance(String group, String name) throws IOException {
    expect(200, "POST", "/consumers/" + group, "{\"name\":\"" + name + "\",\"format\":\"binary\","
        + "\"auto.offset.reset\":\"earliest\",\"auto.commit.enable\":\"false\"}");
  }

  void assign(String group, String name, String topic, int partitions) throws IOException {
    StringBuilder json = new StringBuilder("{\"partitions\":[");
    for (int p = 0; p < partitions; p++) {
      json.append(p == 0 ? "" : ",").append("{\"topic\":\"").append(topic).append("\",\"partition\":").append(p).append('}');
    }
    expect(204, "POST", instancePath(group, name) + "/assignments", json.append("]}").toString());
  }

  void delete(String group, String name) throws IOException {
    expect(204, "DELETE", instancePath(group, name), null);
  }

  static String instancePath(String group, String name) {
    return "/consumers/" + group + "/instances/" + name;
  }

  /** {@return the bytes of a binary records request} */
  static byte[] recordsRequest(ProxyProcess proxy, String group, String name, long maxBytes, int timeoutMs) {
    return recordsRequest(proxy.hostPort(), group, name, maxBytes, timeoutMs);
  }

  /** {@return the bytes of a binary records request to {@code hostPort}} */
  static byte[] recordsRequest(String hostPort, String group, String name, long maxBytes, int timeoutMs) {
    String target = instancePath(group, name) + "/records?timeout=" + timeoutMs + (maxBytes > 0 ? "&max_bytes=" + maxBytes : "");
    return HttpConnection.request("GET", target, hostPort, new String[] {"Accept: " + Payloads.BINARY_TYPE},
        new byte[0]);
  }

  @Override
  public void close() {
    connection.close();
  }
}
