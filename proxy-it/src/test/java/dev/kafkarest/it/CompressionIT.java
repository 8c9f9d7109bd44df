package dev.kafkarest.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkarest.server.ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * gzip over HTTP: responses are compressed when the client accepts gzip and the body is large enough (also a
 * suspended long-poll read), never otherwise; {@code compression.enable=false} turns it off; request bodies
 * sent with {@code Content-Encoding: gzip} are inflated, within the body size limit.
 */
@ProxyTest
class CompressionIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final ProxyClient proxy;
  private final KafkaTestClient kafka;

  CompressionIT(ProxyClient proxy, KafkaTestClient kafka) {
    this.proxy = proxy;
    this.kafka = kafka;
  }

  @Test
  void largeResponse_clientAcceptsGzip_compressedAndSameBody() {
    HttpResponse<byte[]> plain = send(get(proxy.baseUri(), "/openapi.json"));
    HttpResponse<byte[]> gzipped = send(get(proxy.baseUri(), "/openapi.json").header("Accept-Encoding", "gzip"));

    assertEquals(200, gzipped.statusCode());
    assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
    assertTrue(gzipped.body().length < plain.body().length / 2, "compressed to " + gzipped.body().length);
    assertArrayEquals(plain.body(), gunzip(gzipped.body()));
  }

  @Test
  void smallResponse_clientAcceptsGzip_sentAsIs() {
    HttpResponse<byte[]> response = send(get(proxy.baseUri(), "/").header("Accept-Encoding", "gzip"));

    assertEquals(200, response.statusCode());
    assertNull(response.headers().firstValue("Content-Encoding").orElse(null));
    assertEquals("{}", new String(response.body(), StandardCharsets.UTF_8));
  }

  @Test
  void largeResponse_clientDoesNotAcceptGzip_sentAsIs() {
    HttpResponse<byte[]> response = send(get(proxy.baseUri(), "/openapi.json").header("Accept-Encoding", "identity"));

    assertEquals(200, response.statusCode());
    assertNull(response.headers().firstValue("Content-Encoding").orElse(null));
    assertTrue(new String(response.body(), StandardCharsets.UTF_8).startsWith("{"));
  }

  @Test
  void longPollRead_clientAcceptsGzip_recordsArriveCompressed() {
    String topic = kafka.createTopic("gzip-read", 1);
    String value = Payloads.b64("v".repeat(2_000));
    assertEquals(200, proxy.produce(topic, MediaTypes.BINARY_V2,
        "{\"records\":[{\"value\":\"" + value + "\"},{\"value\":\"" + value + "\"}]}").status());
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("gzip-group"),
        "{\"format\":\"binary\",\"auto.offset.reset\":\"earliest\"}");
    try {
      assertEquals(204, consumer.subscribe(topic).status());
      JsonNode records = Await.until(Duration.ofSeconds(30), "two records", () -> {
        HttpResponse<byte[]> read = send(get(proxy.baseUri(), consumer.path() + "/records?timeout=1000")
            .header("Accept", MediaTypes.BINARY_V2).header("Accept-Encoding", "gzip"));
        assertEquals(200, read.statusCode());
        byte[] body = "gzip".equals(read.headers().firstValue("Content-Encoding").orElse(null))
            ? gunzip(read.body()) : read.body();
        return json(body);
      }, read -> read.size() == 2);

      assertEquals(value, records.get(1).get("value").textValue());
    } finally {
      consumer.delete();
    }
  }

  @Test
  void largeRecordsRead_clientAcceptsGzip_compressedAndEveryRecord() {
    String topic = kafka.createTopic("gzip-large-read", 1);
    String value = Payloads.b64("v".repeat(400_000));
    for (int i = 0; i < 3; i++) {
      assertEquals(200, proxy.produce(topic, MediaTypes.BINARY_V2, "{\"records\":[{\"value\":\"" + value + "\"}]}")
          .status());
    }
    // Answers after its 5 s with all three records (fetch.min.bytes is not reached): 1.6 MB of base64, above
    // http.write.async.min.bytes, so the body is handed to the connection as the client reads it.
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("gzip-large"),
        "{\"format\":\"binary\",\"auto.offset.reset\":\"earliest\",\"fetch.min.bytes\":10000000,"
            + "\"consumer.request.timeout.ms\":5000}");
    try {
      assertEquals(204, consumer.assign(topic, 0).status());
      HttpResponse<byte[]> read = send(get(proxy.baseUri(),
          consumer.path() + "/records?timeout=5000&max_bytes=64000000")
          .header("Accept", MediaTypes.BINARY_V2).header("Accept-Encoding", "gzip"));

      assertEquals(200, read.statusCode());
      assertEquals("gzip", read.headers().firstValue("Content-Encoding").orElse(null));
      byte[] body = gunzip(read.body());
      assertTrue(body.length > 1_600_000 && read.body().length < body.length / 10,
          "compressed " + body.length + " bytes to " + read.body().length);
      JsonNode records = json(body);
      assertEquals(3, records.size());
      assertEquals(value, records.get(2).get("value").textValue());
    } finally {
      consumer.delete();
    }
  }

  @Test
  void eventStream_clientAcceptsGzip_notCompressed_andEventsArrive() throws Exception {
    String topic = kafka.createTopic("gzip-stream", 1);
    RestConsumer consumer = RestConsumer.create(proxy, KafkaTestClient.uniqueName("gzip-stream"),
        "{\"format\":\"binary\",\"auto.offset.reset\":\"earliest\"}");
    try {
      assertEquals(204, consumer.assign(topic, 0).status());
      assertEquals(200, proxy.produce(topic, MediaTypes.BINARY_V2,
          "{\"records\":[{\"value\":\"" + Payloads.b64("streamed") + "\"}]}").status());
      HttpResponse<java.io.InputStream> stream = HTTP.send(get(proxy.baseUri(), consumer.path() + "/records")
          .header("Accept", "text/event-stream").header("Accept-Encoding", "gzip")
          .timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofInputStream());
      try (java.io.BufferedReader lines = new java.io.BufferedReader(
          new java.io.InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
        assertEquals(200, stream.statusCode());
        assertNull(stream.headers().firstValue("Content-Encoding").orElse(null), "a stream is never gzipped");
        String line;
        do {
          line = lines.readLine();
        } while (line != null && !line.startsWith("data:"));
        assertTrue(line != null && line.contains(Payloads.b64("streamed")), "the event arrives: " + line);
      }
    } finally {
      consumer.delete();
    }
  }

  @Test
  void compressionDisabled_clientAcceptsGzip_sentAsIs() {
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(),
        Map.of("compression.enable", "false"))) {
      HttpResponse<byte[]> response = send(get(server.baseUri(), "/openapi.json").header("Accept-Encoding", "gzip"));

      assertEquals(200, response.statusCode());
      assertNull(response.headers().firstValue("Content-Encoding").orElse(null));
      assertTrue(new String(response.body(), StandardCharsets.UTF_8).startsWith("{"));
    }
  }

  @Test
  void gzipRequestBody_produce_recordsWritten() {
    String topic = kafka.createTopic("gzip-produce", 1);
    String body = "{\"records\":[{\"value\":\"" + Payloads.b64("abc") + "\"},{\"value\":\"" + Payloads.b64("de") + "\"}]}";

    HttpResponse<byte[]> response = send(HttpRequest.newBuilder(proxy.uri("/topics/" + topic))
        .header("Content-Type", MediaTypes.BINARY_V2).header("Content-Encoding", "gzip")
        .POST(BodyPublishers.ofByteArray(gzip(body.getBytes(StandardCharsets.UTF_8)))));

    assertEquals(200, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
    assertEquals(2, json(response.body()).get("offsets").size());
    assertEquals(2, kafka.recordCount(topic));
  }

  @Test
  void gzipRequestBody_notGzip_400() {
    HttpResponse<byte[]> response = send(HttpRequest.newBuilder(proxy.uri("/topics/gzip-bad"))
        .header("Content-Type", MediaTypes.BINARY_V2).header("Content-Encoding", "gzip")
        .POST(BodyPublishers.ofString("{\"records\":[]}")));

    assertEquals(400, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
    assertEquals(400, json(response.body()).get("error_code").intValue());
  }

  @Test
  void gzipRequestBody_inflatesPastTheLimit_413() {
    try (ProxyServer server = ProxyExtension.startProxy(kafka.bootstrapServers(),
        Map.of("request.body.max.bytes", "10000"))) {
      byte[] bomb = gzip(("{\"records\":[{\"value\":\"" + "A".repeat(100_000) + "\"}]}").getBytes(StandardCharsets.UTF_8));
      assertTrue(bomb.length < 10_000);

      HttpResponse<byte[]> response = send(HttpRequest.newBuilder(server.baseUri().resolve("/topics/gzip-bomb"))
          .header("Content-Type", MediaTypes.BINARY_V2).header("Content-Encoding", "gzip")
          .POST(BodyPublishers.ofByteArray(bomb)));

      assertEquals(413, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void unsupportedRequestEncoding_415() {
    HttpResponse<byte[]> response = send(HttpRequest.newBuilder(proxy.uri("/topics/br-topic"))
        .header("Content-Type", MediaTypes.BINARY_V2).header("Content-Encoding", "br")
        .POST(BodyPublishers.ofString("{\"records\":[]}")));

    assertEquals(415, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
    assertEquals(415, json(response.body()).get("error_code").intValue());
  }

  private static HttpRequest.Builder get(URI base, String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(ProxyClient.REQUEST_TIMEOUT).GET();
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.timeout(ProxyClient.REQUEST_TIMEOUT).build(), BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(byte[] body) {
    try {
      return HttpResult.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] compressed) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
