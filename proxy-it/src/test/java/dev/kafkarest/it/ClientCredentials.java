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
import java.util.Base64;

/**
 * The OAuth2 client-credentials grant as a service does it (and as HDInsight's sample client does it
 * through MSAL): a form POST to the token endpoint with {@code client_id} and {@code client_secret} in the
 * body, then the {@code access_token} of the JSON answer goes into {@code Authorization: Bearer}.
 */
public final class ClientCredentials {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ClientCredentials() {}

  /** {@return a new access token, the client authenticating in the form body} Asserts a 200. */
  public static String token(URI tokenEndpoint, String clientId, String clientSecret, String scope) {
    return send(HttpRequest.newBuilder(tokenEndpoint), "grant_type=client_credentials&client_id=" + encode(clientId)
        + "&client_secret=" + encode(clientSecret) + "&scope=" + encode(scope), tokenEndpoint);
  }

  /**
   * {@return a new access token, the client authenticating with HTTP Basic} as
   * {@code curl -u client:secret -d grant_type=client_credentials -d scope=...}. Asserts a 200.
   */
  public static String tokenWithBasicClientAuthentication(URI tokenEndpoint, String clientId, String clientSecret,
      String scope) {
    String credentials = encode(clientId) + ":" + encode(clientSecret);
    return send(HttpRequest.newBuilder(tokenEndpoint).header("Authorization", "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))),
        "grant_type=client_credentials&scope=" + encode(scope), tokenEndpoint);
  }

  private static String send(HttpRequest.Builder builder, String form, URI tokenEndpoint) {
    HttpRequest request = builder
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
