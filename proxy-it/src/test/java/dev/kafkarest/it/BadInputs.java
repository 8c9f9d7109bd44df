package dev.kafkarest.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bad-input matrix (issue 13): one row per request a client should never get a 2xx or 5xx for. Paths
 * may name {@code {t}} (a one-partition topic the consumer is assigned to), {@code {s}} (a sentinel topic)
 * and {@code {i}} (the consumer instance's path), {@code {c}} (the cluster id, for v3). Each row is sent as
 * written, over a raw socket.
 */
final class BadInputs {
  private static final String V2 = MediaTypes.V2;
  private static final String BIN = MediaTypes.BINARY_V2;
  private static final String JSON = MediaTypes.JSON_V2;

  /**
   * One bad request.
   *
   * @param headers header lines besides Host and Connection
   * @param autoLength whether a Content-Length for {@code body} is added
   */
  record BadInput(String family, String name, String method, String path, List<String> headers, byte[] body,
      boolean autoLength) {
    @Override
    public String toString() {
      return family + ": " + name;
    }
  }

  private final List<BadInput> rows = new ArrayList<>();

  private BadInputs() {}

  static List<BadInput> all() {
    BadInputs table = new BadInputs();
    table.metadata();
    table.produceBinary();
    table.produceJson();
    table.mediaTypes();
    table.consumerCreate();
    table.subscription();
    table.assignment();
    table.seek();
    table.commit();
    table.committedOffsets();
    table.records();
    table.pathTricks();
    table.headersAndLimits();
    table.readsByOffset();
    table.v1();
    table.hdInsight();
    table.v3();
    return List.copyOf(table.rows);
  }

  private void metadata() {
    String f = "metadata";
    for (String p : List.of("abc", "-1", "2147483648", "99999999999999999999", "1.5", "0x1", "%20", "1e3", "99")) {
      get(f, "partition " + p, "/topics/{t}/partitions/" + p);
      get(f, "offsets of partition " + p, "/topics/{t}/partitions/" + p + "/offsets");
    }
    get(f, "unknown topic", "/topics/no-such-topic-matrix");
    get(f, "topic name with NUL", "/topics/a%00b");
    get(f, "topic name of 300 characters", "/topics/" + "x".repeat(300));
    get(f, "topic name with invalid UTF-8", "/topics/%FF%FE");
    get(f, "partitions of unknown topic", "/topics/no-such-topic-matrix/partitions");
    send(f, "DELETE /topics", "DELETE", "/topics", List.of(), "");
    send(f, "PUT /topics/{t}", "PUT", "/topics/{t}", List.of("Content-Type: " + BIN), "{}");
    send(f, "POST /brokers", "POST", "/brokers", List.of("Content-Type: " + V2), "{}");
    send(f, "GET /topics, Accept image/png", "GET", "/topics", List.of("Accept: image/png"), "");
  }

  private void produceBinary() {
    String f = "produce binary";
    for (String body : List.of("", "{", "{\"records\":[", "{\"records\":[{\"value\":\"AA==\"}", "[]", "\"x\"", "123",
        "null", "{\"records\":{}}", "{\"records\":\"x\"}", "{\"records\":[1]}", "{\"records\":[[]]}",
        "{\"records\":[{\"value\":\"!!!\"}]}", "{\"records\":[{\"value\":\"A===\"}]}",
        "{\"records\":[{\"key\":\"%%%\",\"value\":\"AA==\"}]}", "{\"records\":[{\"value\":{}}]}",
        "{\"records\":[{\"value\":\"AA==\",\"partition\":\"x\"}]}",
        "{\"records\":[{\"value\":\"AA==\",\"partition\":-1}]}",
        "{\"records\":[{\"value\":\"AA==\",\"partition\":2147483648}]}",
        "{\"records\":[{\"value\":\"AA==\",\"partition\":1e400}]}",
        "{\"records\":[{\"value\":\"AA==\",\"partition\":1.5}]}",
        "{\"records\":[{\"value\":\"AA==\",\"partition\":NaN}]}",
        "{\"records\":[{\"value\":\"AA==\"}]} trailing",
        "{'records':[{'value':'AA=='}]}", "/* c */ {\"records\":[{\"value\":\"AA==\"}]}")) {
      produce(f, "/topics/{t}", BIN, body);
    }
    produce(f, "/topics/{t}", BIN, "{\"records\":[{\"value\":\"AA==\",\"partition\":"
        + "9".repeat(100_000) + "}]}", "partition of 100,000 digits");
    produce(f, "/topics/{t}", BIN, "[".repeat(10_000) + "]".repeat(10_000), "10,000 nested arrays");
    produce(f, "/topics/{t}", BIN, "{\"records\":[{\"value\":" + "{\"a\":".repeat(10_000) + "1"
        + "}".repeat(10_000) + "}]}", "value nested 10,000 deep");
    rows.add(new BadInput(f, "invalid UTF-8 in the body", "POST", "/topics/{t}", List.of("Content-Type: " + BIN),
        concat("{\"records\":[{\"value\":\"AA==\",\"key\":\"", new byte[] {(byte) 0xC3, (byte) 0x28}, "\"}]}"), true));
    for (String p : List.of("abc", "-1", "2147483648", "99")) {
      produce(f, "/topics/{t}/partitions/" + p, BIN, "{\"records\":[{\"value\":\"AA==\"}]}", "to partition " + p);
    }
    produce(f, "/topics/{s}/partitions/0", BIN, "{\"records\":[{\"value\":\"AA==\",\"partition\":0}", "sentinel, truncated");
    produce(f, "/topics/{s}", BIN, "{\"records\":[{\"value\":\"@@\"}]}", "sentinel, bad base64");
    produce(f, "/topics/no-such-topic-matrix", BIN, "{\"records\":[{\"value\":\"AA==\"}]}", "unknown topic");
  }

  private void produceJson() {
    String f = "produce json";
    for (String body : List.of("{\"records\":[{\"value\":", "{\"records\":[{\"value\":{\"a\":}}]}",
        "{\"records\":[{\"value\":1,\"partition\":\"x\"}]}", "{\"records\":[{\"value\":1,\"partition\":-3}]}",
        "{\"records\":[{\"value\":undefined}]}", "{\"records\":[{\"value\":[1,2,]}]}",
        "{\"records\":[{\"value\":\"\\x41\"}]}", "{\"records\":[{\"value\":\"\\u12\"}]}", "{\"records\":null}",
        "{\"records\":[null]}", "{\"records\":[{\"value\":1}],}")) {
      produce(f, "/topics/{t}", JSON, body);
    }
    produce(f, "/topics/{t}", JSON, "{\"records\":[{\"value\":" + "1".repeat(100_000) + "}]}",
        "value of 100,000 digits");
    produce(f, "/topics/{t}", JSON, "{\"records\":[{\"value\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}]}",
        "value nested 10,000 deep");
    produce(f, "/topics/{t}", JSON, "{\"records\":[{\"value\":1,\"" + "k".repeat(100_000) + "\":1}]}",
        "field name of 100,000 characters");
    rows.add(new BadInput(f, "invalid UTF-8 in a string", "POST", "/topics/{t}", List.of("Content-Type: " + JSON),
        concat("{\"records\":[{\"value\":\"", new byte[] {(byte) 0xFF, (byte) 0xFE}, "\"}]}"), true));
    produce(f, "/topics/{t}/partitions/-1", JSON, "{\"records\":[{\"value\":1}]}", "to partition -1");
  }

  private void mediaTypes() {
    String f = "media types";
    String body = "{\"records\":[{\"value\":\"AA==\"}]}";
    for (String type : List.of("text/plain", ";;;", "application/", "application/vnd.kafka.binary.v9+json",
        "application/vnd.kafka.nosuch.v2+json", "multipart/form-data; boundary=x", "application/xml",
        "application/vnd.kafka.binary.v2+json; charset=\"", "a/b; " + "p=v; ".repeat(2_000))) {
      produce(f, "/topics/{t}", type, body, "Content-Type " + type.substring(0, Math.min(40, type.length())));
    }
    for (String accept : List.of("text/html", "application/vnd.kafka.v9+json", "image/*")) {
      send(f, "produce with Accept " + accept, "POST", "/topics/{t}", List.of("Content-Type: " + BIN, "Accept: " + accept),
          body);
    }
    send(f, "create consumer as text/plain", "POST", "/consumers/matrix-group", List.of("Content-Type: text/plain"),
        "{}");
    send(f, "subscribe as application/xml", "POST", "{i}/subscription", List.of("Content-Type: application/xml"),
        "<topics/>");
    send(f, "records with Accept json for a binary instance", "GET", "{i}/records",
        List.of("Accept: " + JSON), "");
  }

  private void consumerCreate() {
    String f = "consumer create";
    for (String body : List.of("[]", "{", "\"x\"", "{\"format\":\"xml\"}", "{\"format\":1}", "{\"name\":{}}",
        "{\"name\":[]}", "{\"auto.offset.reset\":\"sideways\"}", "{\"auto.commit.enable\":\"maybe\"}",
        "{\"fetch.min.bytes\":\"x\"}", "{\"fetch.min.bytes\":99999999999999999999}",
        "{\"consumer.request.timeout.ms\":1e400}", "{\"consumer.request.timeout.ms\":\"soon\"}",
        "{\"name\":\"" + "n".repeat(10_000) + "\"}", "{\"name\":\"a/b\"}", "{\"name\":\"..\"}", "{\"name\":\".\"}",
        "{\"name\":\"\"}", "[".repeat(10_000))) {
      send(f, abbreviate(body), "POST", "/consumers/matrix-group", List.of("Content-Type: " + V2), body);
    }
    // A decoded CR LF in the group would start a line of its own in every log line naming the group.
    send(f, "group name with CR LF", "POST", "/consumers/matrix%0D%0AFAKE-LINE", List.of("Content-Type: " + V2), "{}");
    rows.add(new BadInput(f, "invalid UTF-8 in the name", "POST", "/consumers/matrix-group",
        List.of("Content-Type: " + V2), concat("{\"name\":\"", new byte[] {(byte) 0x80}, "\"}"), true));
  }

  private void subscription() {
    String f = "subscribe";
    for (String body : List.of("{", "[]", "{\"topics\":\"x\"}", "{\"topics\":[{}]}", "{\"topics\":[[]]}",
        "{\"topic_pattern\":\"(\"}", "{\"topics\":[\"{t}\"],\"topic_pattern\":\"b\"}", "{\"topics\":[\"\"]}",
        "{\"topics\":[\"a/b\"]}", "{\"topic_pattern\":1}", "{\"topics\":[\"" + "x".repeat(300) + "\"]}",
        "{\"topics\":" + "[".repeat(10_000))) {
      send(f, abbreviate(body), "POST", "{i}/subscription", List.of("Content-Type: " + V2), body);
    }
  }

  private void assignment() {
    String f = "assign";
    for (String body : List.of("{", "{\"partitions\":\"x\"}", "{\"partitions\":[{\"topic\":\"{t}\"}]}",
        "{\"partitions\":[{\"partition\":0}]}", "{\"partitions\":[{\"topic\":\"{t}\",\"partition\":-1}]}",
        "{\"partitions\":[{\"topic\":\"{t}\",\"partition\":\"x\"}]}",
        "{\"partitions\":[{\"topic\":\"{t}\",\"partition\":1e100}]}",
        "{\"partitions\":[{\"topic\":\"{t}\",\"partition\":2147483648}]}", "{\"partitions\":[1]}")) {
      send(f, abbreviate(body), "POST", "{i}/assignments", List.of("Content-Type: " + V2), body);
    }
  }

  private void seek() {
    String f = "seek";
    for (String body : List.of("{", "{\"offsets\":\"x\"}", "{\"offsets\":[{\"topic\":\"{t}\",\"partition\":0,\"offset\":-5}]}",
        "{\"offsets\":[{\"topic\":\"{t}\",\"partition\":0,\"offset\":\"x\"}]}",
        "{\"offsets\":[{\"topic\":\"{t}\",\"partition\":0,\"offset\":1e400}]}",
        "{\"offsets\":[{\"topic\":\"{t}\",\"partition\":0,\"offset\":99999999999999999999}]}",
        "{\"offsets\":[{\"topic\":\"{t}\",\"partition\":\"x\",\"offset\":0}]}",
        "{\"offsets\":[{\"topic\":\"{t}\",\"partition\":5,\"offset\":0}]}",
        "{\"offsets\":[{\"topic\":\"{t}\",\"partition\":0,\"offset\":{}}]}")) {
      send(f, abbreviate(body), "POST", "{i}/positions", List.of("Content-Type: " + V2), body);
    }
    for (String end : List.of("beginning", "end")) {
      for (String body : List.of("{", "{\"partitions\":\"x\"}", "{\"partitions\":[{\"topic\":\"{t}\",\"partition\":\"x\"}]}",
          "{\"partitions\":[{\"topic\":\"{t}\",\"partition\":5}]}")) {
        send(f, end + " " + abbreviate(body), "POST", "{i}/positions/" + end, List.of("Content-Type: " + V2), body);
      }
    }
  }

  private void commit() {
    String f = "commit";
    for (String body : List.of("{", "[]", "{\"offsets\":\"x\"}", "{\"offsets\":[{\"topic\":\"{t}\",\"partition\":0,\"offset\":\"x\"}]}",
        "{\"offsets\":[{\"topic\":\"{t}\",\"partition\":0,\"offset\":1e400}]}",
        "{\"offsets\":[{\"topic\":\"{t}\",\"partition\":0,\"offset\":1,\"metadata\":\"" + "m".repeat(5_000) + "\"}]}",
        "{\"offsets\":[{\"topic\":\"{t}\",\"partition\":0,\"offset\":1,\"metadata\":{}}]}",
        "{\"offsets\":[{\"topic\":\"no-such-topic-matrix\",\"partition\":0,\"offset\":1}]}",
        "{\"offsets\":[{\"topic\":\"{t}\",\"partition\":7,\"offset\":1}]}",
        "{\"offsets\":[{\"topic\":\"{t}\",\"partition\":-1,\"offset\":1}]}",
        "{\"offsets\":[{\"topic\":\"{t}\",\"partition\":0,\"offset\":-5}]}")) {
      send(f, abbreviate(body), "POST", "{i}/offsets", List.of("Content-Type: " + V2), body);
    }
  }

  private void committedOffsets() {
    String f = "committed offsets";
    for (String body : List.of("{", "{\"partitions\":\"x\"}", "{\"partitions\":[{\"topic\":\"{t}\",\"partition\":\"x\"}]}",
        "{\"partitions\":[{\"topic\":\"{t}\"}]}", "[".repeat(10_000))) {
      send(f, abbreviate(body), "GET", "{i}/offsets", List.of("Content-Type: " + V2), body);
    }
  }

  private void records() {
    String f = "records";
    for (String query : List.of("timeout=abc", "timeout=99999999999999999999", "timeout=1.5", "max_bytes=abc",
        "max_bytes=99999999999999999999", "max_bytes=1e3", "timeout=%FF")) {
      get(f, query, "{i}/records?" + query);
    }
    get(f, "unknown instance", "/consumers/matrix-group/instances/no-such-instance/records");
    get(f, "unknown group", "/consumers/no-such-group-matrix/instances/x/records");
    send(f, "POST records", "POST", "{i}/records", List.of("Content-Type: " + V2), "{}");
  }

  private void pathTricks() {
    String f = "paths";
    for (String path : List.of("/topics/%2e%2e", "/topics/..%2F..%2Fbrokers", "/topics/a%2Fb", "/topics/%",
        "/topics/%zz", "/%2e%2e/%2e%2e/etc/passwd", "/consumers/matrix-group/instances/..%2F..",
        "/consumers/%2F/instances/x/records", "/topics/{t}/partitions/0/%2e%2e%2F%2e%2e", "/" + "a".repeat(10_000),
        "/topics/" + "%41".repeat(5_000), "/topics?x=" + "y".repeat(100_000), "/nosuch", "/topics/{t}/nosuch",
        "/v9/topics")) {
      get(f, abbreviate(path), path);
    }
    send(f, "commit to ../ instance", "POST", "/consumers/matrix-group/instances/%2e%2e/offsets",
        List.of("Content-Type: " + V2), "{\"offsets\":[]}");
  }

  private void headersAndLimits() {
    String f = "headers and limits";
    String body = "{\"records\":[{\"value\":\"AA==\"}]}";
    rows.add(new BadInput(f, "Content-Length and Transfer-Encoding", "POST", "/topics/{t}",
        List.of("Content-Type: " + BIN, "Content-Length: " + body.length(), "Transfer-Encoding: chunked"),
        ("0\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII), false));
    rows.add(new BadInput(f, "two different Content-Lengths", "POST", "/topics/{t}",
        List.of("Content-Type: " + BIN, "Content-Length: " + body.length(), "Content-Length: 3"),
        body.getBytes(StandardCharsets.US_ASCII), false));
    rows.add(new BadInput(f, "Content-Length -1", "POST", "/topics/{t}",
        List.of("Content-Type: " + BIN, "Content-Length: -1"), new byte[0], false));
    rows.add(new BadInput(f, "Content-Length abc", "POST", "/topics/{t}",
        List.of("Content-Type: " + BIN, "Content-Length: abc"), new byte[0], false));
    rows.add(new BadInput(f, "Content-Length over the limit", "POST", "/topics/{t}",
        List.of("Content-Type: " + BIN, "Content-Length: 20000000"), new byte[0], false));
    rows.add(new BadInput(f, "Content-Length of 30 digits", "POST", "/topics/{t}",
        List.of("Content-Type: " + BIN, "Content-Length: " + "9".repeat(30)), new byte[0], false));
    rows.add(new BadInput(f, "bad chunk size", "POST", "/topics/{t}",
        List.of("Content-Type: " + BIN, "Transfer-Encoding: chunked"),
        "zz\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), false));
    send(f, "header line without a colon", "GET", "/topics", List.of("Bad"), "");
    send(f, "header of 100,000 bytes", "GET", "/topics", List.of("X-Big: " + "b".repeat(100_000)), "");
    send(f, "two Content-Types", "POST", "/topics/{t}", List.of("Content-Type: " + BIN, "Content-Type: text/plain"),
        body);
    send(f, "Expect 999-nope", "POST", "/topics/{t}", List.of("Content-Type: " + BIN, "Expect: 999-nope"), body);
    send(f, "Content-Encoding gzip on a plain body", "POST", "/topics/{t}",
        List.of("Content-Type: " + BIN, "Content-Encoding: gzip"), body);
    send(f, "Content-Encoding unknown", "POST", "/topics/{t}", List.of("Content-Type: " + BIN, "Content-Encoding: zz"),
        body);
    send(f, "CONNECT", "CONNECT", "a:1", List.of(), "");
    send(f, "TRACE", "TRACE", "/topics", List.of(), "");
  }

  /** Reads by offset without an instance: {@code GET /topics/{t}/partitions/{p}/records?offset=...}. */
  private void readsByOffset() {
    String f = "reads by offset";
    List<String> accept = List.of("Accept: " + BIN);
    String records = "/topics/{t}/partitions/0/records?";
    // -1 and -2 are latest and earliest; a timeout of 0 or less means no wait, a max_bytes below 0 no limit
    for (String query : List.of("offset=-3", "offset=-9999", "offset=abc", "offset=1.5", "offset=",
        "offset=99999999999999999999", "offset=0&count=-1", "offset=0&count=abc", "offset=0&count=2147483648",
        "offset=0&count=99999999999999999999", "offset=0&max_bytes=abc", "offset=0&max_bytes=99999999999999999999",
        "offset=0&timeout=abc", "offset=0&timeout=99999999999999999999",
        "offset=0&count=1e3", "offset=%FF")) {
      send(f, query, "GET", records + query, accept, "");
    }
    for (String partition : List.of("-1", "abc", "99", "2147483648")) {
      send(f, "partition " + partition, "GET", "/topics/{t}/partitions/" + partition + "/records?offset=0", accept, "");
    }
    send(f, "unknown topic", "GET", "/topics/no-such-topic-matrix/partitions/0/records?offset=0", accept, "");
    send(f, "Accept image/png", "GET", records + "offset=0", List.of("Accept: image/png"), "");
    send(f, "POST", "POST", records + "offset=0", List.of("Content-Type: " + BIN), "{}");
  }

  /** Confluent's v1 dialect: v1 media types on produce and consumer calls, and v1's simple read. */
  private void v1() {
    String f = "v1";
    String binary = MediaTypes.BINARY_V1;
    for (String body : List.of("", "{", "[]", "{\"records\":[{\"value\":\"!!!\"}]}", "{\"records\":\"x\"}",
        "{\"records\":[{\"value\":\"AA==\",\"partition\":-1}]}")) {
      produce(f, "/topics/{t}", binary, body, "binary v1 " + abbreviate(body));
    }
    produce(f, "/topics/{t}", MediaTypes.JSON_V1, "{\"records\":[{\"value\":", "json v1 truncated");
    produce(f, "/topics/{t}/partitions/0", binary, "{\"records\":[{\"value\":\"%%%\"}]}", "binary v1 to a partition");
    produce(f, "/topics/{t}", "application/vnd.kafka.binary.v9+json", "{\"records\":[]}", "unknown version v9");
    send(f, "create consumer, v1, array body", "POST", "/consumers/matrix-group", List.of("Content-Type: " + MediaTypes.V1),
        "[]");
    send(f, "create consumer, v1, bad format", "POST", "/consumers/matrix-group",
        List.of("Content-Type: " + MediaTypes.V1), "{\"format\":\"xml\"}");
    String messages = "/topics/{t}/partitions/0/messages?";
    for (String query : List.of("offset=-3", "offset=abc", "offset=0&count=-1", "offset=0&count=abc",
        "offset=99999999999999999999")) {
      send(f, "messages " + query, "GET", messages + query, List.of("Accept: " + MediaTypes.BINARY_V1), "");
    }
    send(f, "messages of unknown topic", "GET", "/topics/no-such-topic-matrix/partitions/0/messages?offset=0",
        List.of("Accept: " + MediaTypes.BINARY_V1), "");
  }

  /** The Azure HDInsight {@code /v1} API. */
  private void hdInsight() {
    String f = "hdinsight v1";
    String consumer = "/v1/consumer/topics/{t}/partitions/";
    for (String tail : List.of("abc/offsets/0", "-1/offsets/0", "99/offsets/0", "0/offsets/-3", "0/offsets/abc",
        "0/offsets/99999999999999999999", "0/offsets/0?count=-1", "0/offsets/0?count=abc",
        "0/offsets/0?count=99999999999999999999")) {
      get(f, "consume " + tail, consumer + tail);
    }
    get(f, "consume unknown topic", "/v1/consumer/topics/no-such-topic-matrix/partitions/0/offsets/0");
    get(f, "partition abc", "/v1/metadata/topics/{t}/partitions/abc");
    get(f, "partition -1", "/v1/metadata/topics/{t}/partitions/-1");
    get(f, "partitions of unknown topic", "/v1/metadata/topics/no-such-topic-matrix/partitions");
    // any JSON key or value is stored (as text or compact JSON), so only the shape of the body can be wrong
    for (String body : List.of("", "{", "[]", "{\"records\":\"x\"}", "123")) {
      produce(f, "/v1/producer/topics/{t}", "application/json", body, "produce " + abbreviate(body));
    }
    produce(f, "/v1/producer/topics/no-such-topic-matrix", "application/json", "{\"records\":[{\"value\":\"x\"}]}",
        "produce to unknown topic");
    send(f, "create topic, bad body", "PUT", "/v1/topics/matrix-hdi-new", List.of("Content-Type: application/json"),
        "{\"partition_count\":\"x\"}");
    send(f, "create topic, truncated body", "PUT", "/v1/topics/matrix-hdi-new",
        List.of("Content-Type: application/json"), "{");
    send(f, "create topic, bad name", "PUT", "/v1/topics/a%20b", List.of("Content-Type: application/json"), "{}");
    send(f, "delete unknown topic", "DELETE", "/v1/topics/no-such-topic-matrix", List.of(), "");
  }

  /** Confluent's v3 subset: bad cluster ids, topic names and bodies. */
  private void v3() {
    String f = "v3";
    List<String> json = List.of("Content-Type: application/json");
    get(f, "unknown cluster", "/v3/clusters/no-such-cluster");
    get(f, "topics of unknown cluster", "/v3/clusters/no-such-cluster/topics");
    get(f, "unknown topic", "/v3/clusters/{c}/topics/no-such-topic-matrix");
    get(f, "topic name with NUL", "/v3/clusters/{c}/topics/a%00b");
    get(f, "partition abc", "/v3/clusters/{c}/topics/{t}/partitions/abc");
    get(f, "partition -1", "/v3/clusters/{c}/topics/{t}/partitions/-1");
    get(f, "configs of unknown topic", "/v3/clusters/{c}/topics/no-such-topic-matrix/configs");
    get(f, "unknown consumer group", "/v3/clusters/{c}/consumer-groups/no-such-group-matrix");
    for (String body : List.of("", "{", "[]", "{}", "{\"topic_name\":\"a b\"}", "{\"topic_name\":\"\"}",
        "{\"topic_name\":\"matrix-v3-new\",\"partitions_count\":0}",
        "{\"topic_name\":\"matrix-v3-new\",\"partitions_count\":\"x\"}",
        "{\"topic_name\":\"matrix-v3-new\",\"partitions_count\":99999999999}",
        "{\"topic_name\":\"matrix-v3-new\",\"replication_factor\":0}",
        "{\"topic_name\":\"matrix-v3-new\",\"configs\":[{\"name\":\"no.such.config\",\"value\":\"1\"}]}",
        "{\"topic_name\":\"matrix-v3-new\",\"configs\":\"x\"}")) {
      send(f, "create topic " + abbreviate(body), "POST", "/v3/clusters/{c}/topics", json, body);
    }
    send(f, "create topic in unknown cluster", "POST", "/v3/clusters/no-such-cluster/topics", json,
        "{\"topic_name\":\"matrix-v3-new\"}");
    send(f, "create topic, text/plain", "POST", "/v3/clusters/{c}/topics", List.of("Content-Type: text/plain"),
        "{\"topic_name\":\"matrix-v3-new\"}");
    send(f, "partitions_count as text", "PATCH", "/v3/clusters/{c}/topics/{t}", json, "{\"partitions_count\":\"x\"}");
    send(f, "fewer partitions", "PATCH", "/v3/clusters/{c}/topics/{t}", json, "{\"partitions_count\":0}");
    send(f, "configs:alter, bad body", "POST", "/v3/clusters/{c}/topics/{t}/configs:alter", json, "{\"data\":\"x\"}");
    send(f, "configs:alter, unknown config", "POST", "/v3/clusters/{c}/topics/{t}/configs:alter", json,
        "{\"data\":[{\"name\":\"no.such.config\",\"value\":\"1\"}]}");
    send(f, "delete unknown topic", "DELETE", "/v3/clusters/{c}/topics/no-such-topic-matrix", List.of(), "");
  }

  private void get(String family, String name, String path) {
    send(family, name, "GET", path, List.of(), "");
  }

  private void produce(String family, String path, String type, String body) {
    produce(family, path, type, body, abbreviate(body));
  }

  private void produce(String family, String path, String type, String body, String name) {
    send(family, name + " to " + path, "POST", path, List.of("Content-Type: " + type), body);
  }

  private void send(String family, String name, String method, String path, List<String> headers, String body) {
    rows.add(new BadInput(family, name, method, path, headers, body.getBytes(StandardCharsets.UTF_8), true));
  }

  private static String abbreviate(String text) {
    String shown = text.isEmpty() ? "(empty)" : text;
    return shown.length() > 60 ? shown.substring(0, 60) + "... (" + text.length() + " chars)" : shown;
  }

  private static byte[] concat(String head, byte[] middle, String tail) {
    byte[] a = head.getBytes(StandardCharsets.UTF_8);
    byte[] c = tail.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[a.length + middle.length + c.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(middle, 0, all, a.length, middle.length);
    System.arraycopy(c, 0, all, a.length + middle.length, c.length);
    return all;
  }
}
