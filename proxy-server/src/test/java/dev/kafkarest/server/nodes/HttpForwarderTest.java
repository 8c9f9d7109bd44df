package dev.kafkarest.server.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.Response;
import java.net.URI;
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
}
