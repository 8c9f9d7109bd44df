package dev.kafkarest.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {
  private static final URI URI = java.net.URI.create("http://127.0.0.1:1/topics/t");

  @Test
  void read_stringBody_returnsItsBytesAndLeavesThePublisherReusable() {
    HttpRequest request = HttpRequest.newBuilder(URI).POST(BodyPublishers.ofString("{\"a\":1}")).build();

    assertArrayEquals(utf8("{\"a\":1}"), RequestBodies.read(request));
    assertArrayEquals(utf8("{\"a\":1}"), RequestBodies.read(request));
  }

  @Test
  void read_chunkedStreamBody_returnsItsBytes() {
    byte[] body = utf8("{\"records\":[]}");
    HttpRequest request = HttpRequest.newBuilder(URI)
        .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

    assertArrayEquals(body, RequestBodies.read(request));
  }

  @Test
  void read_noBody_returnsEmpty() {
    assertArrayEquals(new byte[0], RequestBodies.read(HttpRequest.newBuilder(URI).GET().build()));
    assertArrayEquals(new byte[0], RequestBodies.read(
        HttpRequest.newBuilder(URI).POST(BodyPublishers.noBody()).build()));
  }

  @Test
  void read_bodyOverTheLimit_returnsNull() {
    byte[] large = new byte[RequestBodies.MAX_BYTES + 1];

    assertNull(RequestBodies.read(HttpRequest.newBuilder(URI).POST(BodyPublishers.ofByteArray(large)).build()));
    assertNull(RequestBodies.read(HttpRequest.newBuilder(URI)
        .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large))).build()));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
