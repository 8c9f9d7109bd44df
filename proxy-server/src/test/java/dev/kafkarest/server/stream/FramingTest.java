package dev.kafkarest.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramingTest {
  @Test
  void negotiate_namedType_picksItsFraming() {
    assertEquals(Framing.NDJSON, Framing.negotiate(List.of(MediaType.valueOf("application/x-ndjson"))));
    assertEquals(Framing.SSE, Framing.negotiate(List.of(MediaType.valueOf("text/event-stream"))));
  }

  @Test
  void negotiate_wildcardFirst_picksTheFirstConcreteStreamType() {
    assertEquals(Framing.NDJSON, Framing.negotiate(
        List.of(MediaType.WILDCARD_TYPE, MediaType.valueOf("application/x-ndjson"))));
  }

  @Test
  void heartbeat_perFraming_isACommentOrAnEmptyLine() {
    assertEquals(":\n\n", new String(Framing.SSE.heartbeat()));
    assertEquals("\n", new String(Framing.NDJSON.heartbeat()));
  }
}
