package dev.kafkarest.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP exchange's result: status, headers, body text, and how long it took.
 *
 * @param elapsed from sending the request to having the whole response body
 */
public record HttpResult(int status, HttpHeaders headers, String body, Duration elapsed, HttpClient.Version version) {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** {@return the Content-Type header as sent, or null} */
  public @Nullable String contentType() {
    return headers.firstValue("Content-Type").orElse(null);
  }

  /** {@return the Content-Type without parameters, lower case, or null} */
  public @Nullable String mediaType() {
    String type = contentType();
    if (type == null) {
      return null;
    }
    int semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  public @Nullable String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  /**
   * {@return the body as a JSON tree}
   *
   * @throws AssertionError when the body is not JSON
   */
  public JsonNode json() {
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new AssertionError("Response body is not JSON: " + this, e);
    }
  }

  @Override
  public String toString() {
    String shown = body.length() > 2_000 ? body.substring(0, 2_000) + "..." : body;
    return "HTTP " + status + " (" + contentType() + ", " + elapsed.toMillis() + " ms) " + shown;
  }
}
