package dev.kafkarest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Assertions on the proxy's responses: status, Content-Type, the error envelope and produce results. */
public final class ProxyAssertions {
  /** Content types an error body may have: Confluent's v2 type or plain JSON. */
  private static final Set<String> ERROR_TYPES = Set.of(MediaTypes.V2, MediaTypes.JSON);

  private ProxyAssertions() {}

  /** Asserts a 200 with Content-Type {@code application/vnd.kafka.v2+json}; returns the JSON body. */
  public static JsonNode assertOkV2(HttpResult result) {
    assertEquals(200, result.status(), () -> "status of " + result);
    assertEquals(MediaTypes.V2, result.mediaType(), () -> "Content-Type of " + result);
    return result.json();
  }

  /**
   * Asserts a Confluent error: the status, a JSON Content-Type, and a body that is exactly
   * {@code {"error_code": int, "message": string}} with no stack trace. Returns the message.
   */
  public static String assertError(HttpResult result, int status, int errorCode) {
    assertEquals(status, result.status(), () -> "status of " + result);
    assertTrue(ERROR_TYPES.contains(result.mediaType()), () -> "error Content-Type of " + result);
    JsonNode body = result.json();
    assertTrue(body.isObject(), () -> "error body is not an object: " + result);
    List<String> fields = new ArrayList<>();
    body.fieldNames().forEachRemaining(fields::add);
    assertEquals(Set.of("error_code", "message"), Set.copyOf(fields), () -> "error body fields of " + result);
    assertTrue(body.get("error_code").isInt(), () -> "error_code is not an int: " + result);
    assertEquals(errorCode, body.get("error_code").intValue(), () -> "error_code of " + result);
    assertTrue(body.get("message").isTextual(), () -> "message is not a string: " + result);
    String message = body.get("message").textValue();
    assertFalse(message.isBlank(), () -> "empty message: " + result);
    assertNoStackTrace(result);
    return message;
  }

  /** Like {@link #assertError(HttpResult, int, int)}, and checks the start of the message. */
  public static String assertError(HttpResult result, int status, int errorCode, String messagePrefix) {
    String message = assertError(result, status, errorCode);
    assertTrue(message.startsWith(messagePrefix), () -> "message should start with '" + messagePrefix + "': " + result);
    return message;
  }

  /**
   * Asserts a 406. Confluent sends no body; when there is one it must be the error envelope with
   * error_code 406.
   */
  public static void assertNotAcceptable(HttpResult result) {
    assertEquals(406, result.status(), () -> "status of " + result);
    if (!result.body().isEmpty()) {
      assertError(result, 406, 406);
    }
  }

  public static void assertNoStackTrace(HttpResult result) {
    String body = result.body();
    assertFalse(body.contains("\tat ") || body.contains("\n\tat") || body.matches("(?s).*\\.java:\\d+\\).*")
        || body.contains("Exception:"), () -> "response leaks a stack trace or exception: " + result);
  }

  /**
   * Asserts a fully successful produce response with one entry per record: status 200, v2 Content-Type,
   * explicit null {@code error_code}/{@code error} per entry and null schema ids. Returns the
   * (partition, offset) pairs in response order.
   */
  public static List<Landed> assertProduced(HttpResult result, int records) {
    JsonNode body = assertOkV2(result);
    assertTrue(body.has("key_schema_id") && body.get("key_schema_id").isNull(), () -> "key_schema_id: " + result);
    assertTrue(body.has("value_schema_id") && body.get("value_schema_id").isNull(), () -> "value_schema_id: " + result);
    JsonNode offsets = body.get("offsets");
    assertNotNull(offsets, () -> "no offsets: " + result);
    assertEquals(records, offsets.size(), () -> "one offset entry per record: " + result);
    List<Landed> landed = new ArrayList<>();
    for (JsonNode entry : offsets) {
      if (!entry.has("error_code") || !entry.get("error_code").isNull()
          || !entry.has("error") || !entry.get("error").isNull()) {
        fail("entry should have explicit null error_code and error: " + entry + " in " + result);
      }
      assertTrue(entry.get("partition").isInt() && entry.get("offset").isIntegralNumber(),
          () -> "partition/offset of " + entry + " in " + result);
      landed.add(new Landed(entry.get("partition").intValue(), entry.get("offset").longValue()));
    }
    return landed;
  }

  /** Where a record landed. */
  public record Landed(int partition, long offset) {}
}
