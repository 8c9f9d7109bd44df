package dev.kafkarest.server.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessLogTest {
  private static final Exchange PRODUCE = new Exchange(Instant.parse("2026-11-28T10:15:30.123456Z"), "POST",
      "/topics/{topic}", "/topics/orders", 200, null, 3_412_345, 120, 85, "alice", "10.0.0.7", "req-1", false);

  @Test
  void line_everyField_inOrder() {
    assertEquals("time=2026-11-28T10:15:30.123Z method=POST template=/topics/{topic} path=/topics/orders status=200 "
        + "error_code=- latency_ms=3.412 bytes_in=120 bytes_out=85 principal=alice client=10.0.0.7 request_id=req-1",
        AccessLog.line(PRODUCE));
  }

  @Test
  void line_errorAndAnonymous_showsTheCodeAndADash() {
    Exchange refused = new Exchange(PRODUCE.time(), "GET", "/topics", "/topics", 401, 40101, 10_000, 0, 60, null,
        "10.0.0.7", "req-2", false);

    String line = AccessLog.line(refused);

    assertTrue(line.contains(" status=401 error_code=40101 "), line);
    assertTrue(line.contains(" principal=- "), line);
  }

  @Test
  void line_valuesWithSpacesQuotesOrLineBreaks_areQuotedAndCannotForgeALine() {
    Exchange odd = new Exchange(PRODUCE.time(), "GET", "/topics/{topic}", "/topics/a b", 200, null, 0, 0, 0,
        "CN=eve \"x\"\nstatus=200\u2028", "10.0.0.7", "req-3", false);

    String line = AccessLog.line(odd);

    assertTrue(line.contains(" path=\"/topics/a b\" "), line);
    assertTrue(line.contains(" principal=\"CN=eve \\\"x\\\"?status=200?\" "), line);
    assertEquals(1, line.lines().count(), line);
  }

  @Test
  void line_longPath_isCut() {
    Exchange longPath = new Exchange(PRODUCE.time(), "GET", Exchange.UNMATCHED, "/" + "x".repeat(1_000), 404, 404, 0,
        0, 0, null, "10.0.0.7", "req-4", false);

    String line = AccessLog.line(longPath);

    assertTrue(line.contains(" path=/" + "x".repeat(255) + "... "), line);
  }

  @Test
  void millis_nanoseconds_threeDecimals() {
    assertEquals("0.000", AccessLog.millis(999));
    assertEquals("0.001", AccessLog.millis(1_000));
    assertEquals("1234.567", AccessLog.millis(1_234_567_890));
  }

  @Test
  void answered_loggerOff_buildsNoLine() {
    List<String> lines = new ArrayList<>();
    AccessLog off = new AccessLog(() -> false, lines::add);
    AccessLog on = new AccessLog(() -> true, lines::add);

    off.answered(PRODUCE);
    on.answered(PRODUCE);

    assertEquals(List.of(AccessLog.line(PRODUCE)), lines);
  }
}
