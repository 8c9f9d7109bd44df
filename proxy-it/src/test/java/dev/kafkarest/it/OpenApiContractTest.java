package dev.kafkarest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.it.OpenApiContract.Exchange;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The contract check itself, on made-up exchanges: no broker, no proxy. */
class OpenApiContractTest {
  private static final OpenApiContract CONTRACT = OpenApiContract.shared();
  private static final String V2 = MediaTypes.V2;

  @Test
  void compileAll_everyDocumentedSchemaResolves() {
    assertTrue(CONTRACT.compileAll() > 50);
  }

  @Test
  void documentedResponse_passes() {
    assertAgrees(get("/topics", 200, V2, "[\"a\",\"b\"]"));
    assertAgrees(get("/topics/t/partitions/0/offsets", 200, MediaTypes.JSON,
        "{\"beginning_offset\":0,\"end_offset\":3}"));
    assertAgrees(get("/topics/t", 404, V2, "{\"error_code\":40401,\"message\":\"Topic t not found.\"}"));
  }

  @Test
  void undocumentedStatus_isAViolation() {
    assertViolation(get("/topics", 418, V2, "{\"error_code\":418,\"message\":\"teapot\"}"), "status 418 is not documented");
  }

  @Test
  void bodyNotMatchingTheSchema_isAViolation() {
    assertViolation(get("/brokers", 200, V2, "{\"brokers\":[\"one\"]}"), "does not match");
    assertViolation(get("/brokers", 200, V2, "{\"brokers\":[1],\"extra\":true}"), "does not match");
  }

  @Test
  void errorCodeNotDocumentedForTheStatus_isAViolation() {
    assertViolation(get("/topics/t", 404, V2, "{\"error_code\":40403,\"message\":\"Consumer instance not found.\"}"),
        "does not match");
  }

  @Test
  void undocumentedResponseType_isAViolation() {
    assertViolation(get("/topics", 200, "text/plain", "[]"), "response Content-Type text/plain is not documented");
  }

  @Test
  void unknownPath_mustBe404WithTheEnvelope() {
    assertAgrees(get("/nope", 404, MediaTypes.JSON, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}"));
    assertViolation(get("/nope", 200, MediaTypes.JSON, "{}"), "must be 404");
    assertViolation(get("/nope", 404, "text/html", "<html>"), "not JSON");
  }

  @Test
  void undocumentedMethod_mustBe405WithTheEnvelope() {
    assertAgrees(exchange("PUT", "/topics", null, null, 405, MediaTypes.JSON,
        "{\"error_code\":405,\"message\":\"HTTP 405 Method Not Allowed\"}"));
    assertViolation(exchange("PUT", "/topics", null, null, 200, V2, "[]"), "must be 405");
  }

  @Test
  void trailingSlashAndDocumentedQuery_match() {
    assertAgrees(get("/consumers/g/instances/i/records/?timeout=10&max_bytes=5", 200, MediaTypes.BINARY_V2,
        "[{\"topic\":\"t\",\"key\":null,\"value\":\"YQ==\",\"partition\":0,\"offset\":7}]"));
  }

  @Test
  void acceptedUndocumentedQueryParameter_isAViolation() {
    assertViolation(get("/topics?verbose=true", 200, V2, "[]"), "query parameter 'verbose'");
  }

  @Test
  void acceptedInvalidRequestBody_isAViolation() {
    String body = "{\"records\":[{\"value\":5}]}";
    assertViolation(exchange("POST", "/topics/t", MediaTypes.BINARY_V2, body, 200, V2, produced()), "request body");
  }

  @Test
  void refusedInvalidRequestBody_isNotChecked() {
    assertAgrees(exchange("POST", "/topics/t", MediaTypes.BINARY_V2, "{\"records\":[{\"value\":5}]}", 400, V2,
        "{\"error_code\":400,\"message\":\"Bad Request: records[0].value is not a base64 string.\"}"));
  }

  @Test
  void acceptedUndocumentedRequestType_isAViolation() {
    assertViolation(exchange("POST", "/", "text/plain", "{}", 200, V2, "{}"), "request Content-Type text/plain");
  }

  @Test
  void acceptedBodyWithoutContentType_isReadAsOctetStream() {
    assertAgrees(exchange("POST", "/topics/t", null, "{\"records\":[{\"value\":\"YQ==\"}]}", 200, V2, produced()));
  }

  @Test
  void missingRequiredBody_isAViolationWhenAccepted() {
    assertViolation(exchange("POST", "/consumers/g/instances/i/assignments", V2, "", 204, null, ""), "required");
  }

  @Test
  void badRequestWithoutBody_isAllowedWhereMarked_butOtherErrorsNeedTheEnvelope() {
    assertAgrees(exchange("POST", "/topics/t", "not a media type", "{}", 400, null, ""));
    assertViolation(get("/topics/t", 404, V2, ""), "but none was sent");
  }

  @Test
  void acceptedNumericStringsWhereCoercionIsDocumented_pass() {
    assertAgrees(exchange("POST", "/topics/t", MediaTypes.BINARY_V2, "{\"records\":[{\"value\":\"YQ==\",\"partition\":\"1\"}]}",
        200, V2, produced()));
    assertAgrees(exchange("POST", "/consumers/g", V2, "{\"fetch.min.bytes\":\"1024\"}", 200, V2,
        "{\"instance_id\":\"i\",\"base_uri\":\"http://127.0.0.1:1/consumers/g/instances/i\"}"));
  }

  @Test
  void committedOffsetsWithPartitionsInTheQuery_needNoBody() {
    assertAgrees(get("/consumers/g/instances/i/offsets?partitions=t:0", 200, V2,
        "{\"offsets\":[{\"topic\":\"t\",\"partition\":0,\"offset\":1,\"metadata\":\"\"}]}"));
  }

  @Test
  void noContentWithABody_isAViolation() {
    assertViolation(exchange("DELETE", "/consumers/g/instances/i", null, null, 204, V2, "{}"),
        "documented without a body");
  }

  @Test
  void verify_throwsAssertionErrorNamingTheExchange() {
    AssertionError error = assertThrows(AssertionError.class,
        () -> CONTRACT.verify(get("/topics", 418, V2, "{\"error_code\":418,\"message\":\"teapot\"}")));

    assertTrue(error.getMessage().contains("GET http://127.0.0.1:1/topics -> 418"), error.getMessage());
  }

  private static String produced() {
    return "{\"offsets\":[{\"partition\":0,\"offset\":1,\"error_code\":null,\"error\":null}],"
        + "\"key_schema_id\":null,\"value_schema_id\":null}";
  }

  private static Exchange get(String path, int status, String type, String body) {
    return exchange("GET", path, null, null, status, type, body);
  }

  private static Exchange exchange(String method, String path, @Nullable String requestType,
      @Nullable String requestBody, int status, @Nullable String responseType, String responseBody) {
    byte[] sent = requestBody == null ? new byte[0] : requestBody.getBytes(StandardCharsets.UTF_8);
    return new Exchange(method, URI.create("http://127.0.0.1:1" + path), requestType, sent, status, responseType,
        responseBody);
  }

  private static void assertAgrees(Exchange exchange) {
    assertEquals(List.of(), CONTRACT.violations(exchange));
  }

  private static void assertViolation(Exchange exchange, String expected) {
    List<String> violations = CONTRACT.violations(exchange);
    assertTrue(violations.stream().anyMatch(v -> v.contains(expected)), () -> "expected '" + expected + "' in "
        + violations);
  }
}
