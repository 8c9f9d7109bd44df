package dev.kafkarest.server.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HttpForwarderTest {

  @Test
  void redirect_keepsTheRawPathAndQuery_onTheOwnersUrl() {
    Response redirect = HttpForwarder.redirect(
        URI.create("http://balancer:8082/consumers/g%2Fx/instances/i/records?timeout=1000&max_bytes=10"),
        "https://node-2:8443/");
    assertEquals(307, redirect.getStatus());
    assertEquals("https://node-2:8443/consumers/g%2Fx/instances/i/records?timeout=1000&max_bytes=10",
        redirect.getLocation().toString());
  }

  @Test
  void hasBody_noneToHeadNorWith204Or304NorOfLengthZero_elseRelayed() {
    assertTrue(HttpForwarder.hasBody("GET", 200, OptionalLong.empty()), "a stream or a chunked answer");
    assertTrue(HttpForwarder.hasBody("GET", 200, OptionalLong.of(2)));
    assertFalse(HttpForwarder.hasBody("GET", 200, OptionalLong.of(0)));
    assertFalse(HttpForwarder.hasBody("DELETE", 204, OptionalLong.empty()));
    assertFalse(HttpForwarder.hasBody("GET", 304, OptionalLong.empty()));
    assertFalse(HttpForwarder.hasBody("HEAD", 200, OptionalLong.of(10)));
  }
}
