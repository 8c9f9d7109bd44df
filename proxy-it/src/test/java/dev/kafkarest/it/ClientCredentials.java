package dev.kafkarest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The OAuth2 client-credentials grant as a service does it (and as HDInsight's sample client does it
 * through MSAL): a form POST to the token endpoint with {@code client_id} and {@code client_secret} in the
 * body, then the {@code access_token} of the JSON answer goes into {@code Authorization: Bearer}.
 */
public final class ClientCredentials {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ClientCredentials() {}

  /** {@return a new access token} Asserts that the token endpoint answers 200. */
  public static String token(URI tokenEndpoint, String clientId, String clientSecret, String scope) {
    String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
        + encode(clientSecret) + "&scope=" + encode(scope);
    HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", MediaTypes.FORM)
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertEquals(200, response.statusCode(), () -> "token endpoint: " + response.body());
      return HttpResult.MAPPER.readTree(response.body()).get("access_token").textValue();
    } catch (IOException e) {
      throw new UncheckedIOException("token request to " + tokenEndpoint + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@return the {@code Authorization} header value for a token} */
  public static String bearer(String token) {
    return "Bearer " + token;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
