package dev.kafkarest.it;

import static dev.kafkarest.it.ProxyAssertions.assertError;
import static dev.kafkarest.it.ProxyAssertions.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests no resource serves (unknown paths, wrong methods) and malformed requests: answered in
 * Confluent's error JSON with a 4xx, never with an HTML page or a stack trace.
 */
@ProxyTest
class HttpErrorsIT {
  private final ProxyClient proxy;

  HttpErrorsIT(ProxyClient proxy) {
    this.proxy = proxy;
  }

  @ParameterizedTest
  @ValueSource(strings = {"/nope", "/v2", "/topics/some-topic/unknown", "/topics/some-topic/partitions/0/nope",
      "/brokers/1"})
  void unknownPath_returns404(String path) {
    assertError(proxy.get(path), 404, 404);
    assertError(proxy.get(path, "Accept", MediaTypes.JSON), 404, 404);
  }

  /** An error's message may repeat the client's input; a browser must not read it as a page. */
  @Test
  void error_thatRepeatsThePath_isNeverSniffedAsAPage() {
    HttpResult result = proxy.get("/console/%3Chtml%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E");

    assertEquals(404, result.status(), result::toString);
    assertEquals("nosniff", result.header("X-Content-Type-Options"), result::toString);
  }

  @Test
  void unknownPath_post_returns404() {
    assertError(proxy.post("/nope", MediaTypes.BINARY_V2, "{\"records\": []}"), 404, 404);
  }

  /**
   * A malformed percent-escape is the client's mistake: 400, in the error JSON (or, as Jersey answers
   * some malformed requests, without a body), never a 500 or an HTML page with a stack trace.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/topics/%zz", "/topics?x=%zz", "/topics/t/partitions/%G0", "/%"})
  void malformedPercentEncoding_returns400WithoutStackTrace(String path) {
    HttpResult result = RawHttp.send(proxy.baseUri(), "GET", path, List.of(), new byte[0], Duration.ofSeconds(10));

    assertNoStackTrace(result);
    assertEquals(400, result.status(), result::toString);
    if (!result.body().isEmpty()) {
      assertError(result, 400, 400);
    }
  }

  /**
   * A request target or {@code Host} that is no URI (a raw UTF-8 euro sign, a backslash, a control character, a
   * {@code Host} with user information): 400 in the error JSON, not Grizzly's 500 page with a stack trace.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/topics/\u00e2\u0082\u00ac | -",
      "/topics/a\\b | -",
      "/topics/a\u0001b | -",
      "/topics | Host: 127.0.0.1:1@evil.example"})
  void unparsableRequestTargetOrHost_returns400JsonWithoutStackTrace(String target, String host) {
    List<String> headers = host.equals("-") ? List.of() : List.of(host);
    HttpResult result = RawHttp.send(proxy.baseUri(), "GET", target, headers, new byte[0], Duration.ofSeconds(10));

    assertNoStackTrace(result);
    assertError(result, 400, 400);
  }

  @ParameterizedTest
  @ValueSource(strings = {";;;,,,", "application/json;q=abc", "application/json;q=-1"})
  void unparsableAccept_returns400InTheErrorJson(String accept) {
    assertError(proxy.get("/topics", "Accept", accept), 400, 400);
  }

  @Test
  void unparsableContentType_returns400WithoutStackTrace() {
    HttpResult result = proxy.produce("any-topic", "not a media type", "{\"records\": [{\"value\": \"YQ==\"}]}");

    assertNoStackTrace(result);
    assertEquals(400, result.status(), result::toString);
    if (!result.body().isEmpty()) {
      assertError(result, 400, 400);
    }
  }

  @ParameterizedTest
  @CsvSource({"DELETE, /topics", "PUT, /topics", "POST, /topics", "DELETE, /brokers", "POST, /brokers",
      "DELETE, /topics/t", "PUT, /topics/t", "DELETE, /topics/t/partitions", "POST, /topics/t/partitions",
      "DELETE, /topics/t/partitions/0", "POST, /topics/t/partitions/0/offsets", "DELETE, /"})
  void wrongMethod_returns405WithAllow(String method, String path) {
    HttpResult result = proxy.method(method, path, BodyPublishers.noBody());

    assertError(result, 405, 405);
    String allow = result.header("Allow");
    assertNotNull(allow, () -> "405 without Allow: " + result);
    assertTrue(allow.contains("GET"), () -> "Allow of " + result);
  }
}
