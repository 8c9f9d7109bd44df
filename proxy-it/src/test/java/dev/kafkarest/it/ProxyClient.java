package dev.kafkarest.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A small HTTP client for the proxy's v2 API over {@code java.net.http}, HTTP/1.1 unless built with
 * another {@link HttpClient}. Every call returns an {@link HttpResult}, whatever the status; callers
 * assert. Extra headers are given as name-value pairs.
 *
 * <p>Every exchange is checked against the OpenAPI document ({@link OpenApiContract}): one that disagrees
 * with it fails the calling test with an {@link AssertionError}.
 */
public final class ProxyClient {
  /** Bounds every request, so that a hanging server fails a test rather than stalling the run. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private static final HttpClient HTTP_1_1 = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private final URI baseUri;
  private final HttpClient http;
  private final Duration requestTimeout;

  public ProxyClient(URI baseUri) {
    this(baseUri, HTTP_1_1, REQUEST_TIMEOUT);
  }

  /** A client over another {@link HttpClient} (for example HTTP/2), with its own per-request timeout. */
  public ProxyClient(URI baseUri, HttpClient http, Duration requestTimeout) {
    this.baseUri = baseUri;
    this.http = http;
    this.requestTimeout = requestTimeout;
  }

  public URI baseUri() {
    return baseUri;
  }

  /** {@return the absolute URI of a path such as {@code /topics}} */
  public URI uri(String path) {
    return baseUri.resolve(path);
  }

  /** {@return a request builder for a path, with this client's request timeout} */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(requestTimeout);
  }

  /**
   * Sends a request and reads the whole body as UTF-8 text.
   *
   * @throws AssertionError when the exchange disagrees with the OpenAPI document
   */
  public HttpResult send(HttpRequest request) {
    byte @Nullable [] sent = RequestBodies.read(request);
    long start = System.nanoTime();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      HttpResult result = new HttpResult(response.statusCode(), response.headers(), response.body(),
          Duration.ofNanos(System.nanoTime() - start), response.version());
      OpenApiContract.shared().verify(new OpenApiContract.Exchange(request.method(), request.uri(),
          request.headers().firstValue("Content-Type").orElse(null), sent, result.status(), result.contentType(),
          result.body()));
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during " + request.method() + " " + request.uri(), e);
    }
  }

  public HttpResult get(String path, String... headers) {
    return send(withHeaders(request(path).GET(), headers).build());
  }

  /** Sends a POST; a null {@code contentType} sends no Content-Type header at all. */
  public HttpResult post(String path, @Nullable String contentType, String body, String... headers) {
    return post(path, contentType, BodyPublishers.ofString(body, StandardCharsets.UTF_8), headers);
  }

  /** Sends a POST whose body goes out with chunked transfer encoding (no Content-Length). */
  public HttpResult postChunked(String path, @Nullable String contentType, byte[] body, String... headers) {
    return post(path, contentType, BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), headers);
  }

  public HttpResult post(String path, @Nullable String contentType, BodyPublisher body, String... headers) {
    HttpRequest.Builder builder = request(path).POST(body);
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return send(withHeaders(builder, headers).build());
  }

  /** Sends any method, with or without a body. */
  public HttpResult method(String method, String path, BodyPublisher body, String... headers) {
    return send(withHeaders(request(path).method(method, body), headers).build());
  }

  // The v2 endpoints.

  public HttpResult getRoot(String... headers) {
    return get(Endpoints.root(), headers);
  }

  public HttpResult getTopics(String... headers) {
    return get(Endpoints.topics(), headers);
  }

  public HttpResult getTopic(String topic, String... headers) {
    return get(Endpoints.topic(topic), headers);
  }

  public HttpResult getPartitions(String topic) {
    return get(Endpoints.partitions(topic));
  }

  public HttpResult getPartition(String topic, int partition) {
    return get(Endpoints.partition(topic, partition));
  }

  public HttpResult getOffsets(String topic, int partition) {
    return get(Endpoints.offsets(topic, partition));
  }

  public HttpResult getBrokers(String... headers) {
    return get(Endpoints.brokers(), headers);
  }

  /** {@code POST /topics/{topic}}. */
  public HttpResult produce(String topic, @Nullable String contentType, String body, String... headers) {
    return post(Endpoints.topic(topic), contentType, body, headers);
  }

  /** {@code POST /topics/{topic}/partitions/{partition}}. */
  public HttpResult produce(String topic, int partition, @Nullable String contentType, String body,
      String... headers) {
    return post(Endpoints.partition(topic, partition), contentType, body, headers);
  }

  private static HttpRequest.Builder withHeaders(HttpRequest.Builder builder, String... headers) {
    if (headers.length % 2 != 0) {
      throw new IllegalArgumentException("headers must be name-value pairs");
    }
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }
}
