package dev.kafkarest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Assertions on Confluent's v3 shapes: resources, lists, related links and errors, field by field. */
final class V3Assertions {
  private V3Assertions() {}

  /** Asserts a 2xx with Content-Type {@code application/json}; returns the JSON body. */
  static JsonNode assertOkV3(HttpResult result, int status) {
    assertEquals(status, result.status(), () -> "status of " + result);
    assertEquals(MediaTypes.JSON, result.mediaType(), () -> "Content-Type of " + result);
    return result.json();
  }

  static JsonNode assertOkV3(HttpResult result) {
    return assertOkV3(result, 200);
  }

  /** Asserts a v3 error: status, {@code application/json}, exactly {@code error_code} and {@code message}. */
  static String assertV3Error(HttpResult result, int status, int errorCode) {
    assertEquals(MediaTypes.JSON, result.mediaType(), () -> "Content-Type of " + result);
    return ProxyAssertions.assertError(result, status, errorCode);
  }

  /**
   * Asserts a resource: exactly the fields given (besides {@code kind} and {@code metadata}), the kind, an
   * absolute {@code self} at {@code proxy}'s base ending in {@code selfPath}, and the resource name.
   */
  static void assertResource(JsonNode node, ProxyClient proxy, String kind, String selfPath, String resourceName,
      String... fields) {
    Set<String> expected = new TreeSet<>(Arrays.asList(fields));
    expected.add("kind");
    expected.add("metadata");
    assertEquals(expected, fieldNames(node), () -> "fields of " + node);
    assertEquals(kind, node.get("kind").textValue(), node::toString);
    JsonNode metadata = node.get("metadata");
    assertEquals(Set.of("self", "resource_name"), fieldNames(metadata), metadata::toString);
    assertEquals(proxy.uri(selfPath).toString(), metadata.get("self").textValue(), node::toString);
    assertEquals(resourceName, metadata.get("resource_name").textValue(), node::toString);
  }

  /** Asserts a list: {@code kind}, {@code metadata} ({@code self}, {@code next: null}) and {@code data}. */
  static List<JsonNode> assertList(JsonNode node, ProxyClient proxy, String kind, String selfPath) {
    assertEquals(Set.of("kind", "metadata", "data"), fieldNames(node), node::toString);
    assertEquals(kind, node.get("kind").textValue(), node::toString);
    JsonNode metadata = node.get("metadata");
    assertEquals(Set.of("self", "next"), fieldNames(metadata), metadata::toString);
    assertEquals(proxy.uri(selfPath).toString(), metadata.get("self").textValue(), node::toString);
    assertTrue(metadata.get("next").isNull(), node::toString);
    assertTrue(node.get("data").isArray(), node::toString);
    return asList(node.get("data"));
  }

  /** Asserts {@code {"related": <proxy base + path>}}. */
  static void assertRelated(JsonNode node, ProxyClient proxy, String path) {
    assertEquals(Set.of("related"), fieldNames(node), () -> String.valueOf(node));
    assertEquals(proxy.uri(path).toString(), node.get("related").textValue(), node::toString);
  }

  static List<JsonNode> asList(JsonNode array) {
    List<JsonNode> items = new java.util.ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
