package dev.kafkarest.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.kafkarest.server.ProxyServer;
import dev.kafkarest.server.config.ProxyConfig;
import dev.kafkarest.server.v2.RemoteInstanceResource;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A proxy with authorization on and a rules file that allows nothing, whose cluster address leads nowhere,
 * for the "every endpoint is authorized" tests of each API: an endpoint that asked Kafka or looked for the
 * resource before checking the caller's permission would answer something else than 403/40301, or late.
 */
public final class DenyAllProxy implements AutoCloseable {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  /** How long a refusal may take: it must come from the check, not from Kafka. */
  private static final Duration REFUSAL_BOUND = Duration.ofSeconds(1);

  private final ProxyServer server;

  /** One request to an endpoint: method, path, and the body with its type when it has one. */
  public record Call(String method, String path, @Nullable String contentType, @Nullable String body) {
    public static Call get(String path) {
      return new Call("GET", path, null, null);
    }
  }

  private DenyAllProxy(ProxyServer server) {
    this.server = server;
  }

  /**
   * Starts the proxy and sends {@code warmUp} once, untimed: the first error response initialises the
   * mappers and the JSON writer, which on a loaded machine alone can take longer than the bound.
   */
  public static DenyAllProxy start(Call warmUp) throws IOException, InterruptedException {
    java.nio.file.Path rules = Files.createTempFile("no-rules", ".rules");
    rules.toFile().deleteOnExit();
    DenyAllProxy proxy = new DenyAllProxy(ProxyServer.start(ProxyConfig.of(Map.of(
        "listeners", "http://127.0.0.1:0",
        "bootstrap.servers", "127.0.0.1:1",
        "metadata.timeout.ms", "2000",
        "authorization.enabled", "true",
        "authorization.rules.file", rules.toString(),
        "shutdown.graceful.ms", "0"))));
    proxy.send(warmUp, Duration.ofSeconds(30));
    return proxy;
  }

  /** Sends {@code call} and asserts that it is refused with 403/40301 within the bound. */
  public void assertRefused(Call call) throws IOException, InterruptedException {
    HttpResponse<String> response = send(call, REFUSAL_BOUND);

    assertEquals(403, response.statusCode(), response.body());
    JsonNode body = JSON.readTree(response.body());
    assertEquals(40301, body.get("error_code").intValue(), response.body());
    assertTrue(body.get("message").textValue().startsWith("Not authorized to "), response.body());
  }

  /**
   * {@return every endpoint ({@code "METHOD /path/{param}"}) of the root resources in {@code packages},
   *     following sub-resource locators; a sealed locator type stands for its permitted classes, except
   *     {@link RemoteInstanceResource}, whose calls go on to the node that holds the instance, which
   *     authorizes them}
   */
  public static Set<String> endpoints(String... packages) {
    Set<String> endpoints = new TreeSet<>();
    new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(packages).stream()
        .filter(type -> type.isAnnotatedWith(Path.class))
        .map(JavaClass::reflect)
        .forEach(type -> collect(type, type.getAnnotation(Path.class).value(), endpoints));
    return endpoints;
  }

  @Override
  public void close() {
    server.close();
  }

  private HttpResponse<String> send(Call call, Duration timeout) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(call.path()))
        .timeout(timeout)
        .method(call.method(), call.body() == null ? BodyPublishers.noBody() : BodyPublishers.ofString(call.body()));
    if (call.contentType() != null) {
      request.header("Content-Type", call.contentType());
    }
    return CLIENT.send(request.build(), BodyHandlers.ofString());
  }

  private static void collect(Class<?> type, String prefix, Set<String> endpoints) {
    for (Method method : type.getDeclaredMethods()) {
      Path path = method.getAnnotation(Path.class);
      String full = join(prefix, path == null ? "" : path.value());
      String httpMethod = Stream.of(method.getAnnotations())
          .map(annotation -> annotation.annotationType().getAnnotation(HttpMethod.class))
          .filter(Objects::nonNull).map(HttpMethod::value).findFirst().orElse(null);
      if (httpMethod != null) {
        endpoints.add(httpMethod + " " + full);
      } else if (path != null) {
        Class<?> declared = method.getReturnType();
        List<Class<?>> types = declared.isSealed() ? List.of(declared.getPermittedSubclasses()) : List.of(declared);
        types.stream().filter(served -> served != RemoteInstanceResource.class)
            .forEach(served -> collect(served, full, endpoints));
      }
    }
  }

  private static String join(String prefix, String path) {
    String joined = (prefix + "/" + path).replaceAll("/+", "/");
    return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
  }
}
