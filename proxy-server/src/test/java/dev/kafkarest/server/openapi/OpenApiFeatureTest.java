package dev.kafkarest.server.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kafkarest.server.v2.RootResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenApiFeatureTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private HttpServer server;
  private URI base;

  @BeforeEach
  void start() {
    // The v2 root resource shares the path "/" with the document's resource; both must keep working.
    ResourceConfig app = new ResourceConfig().register(new OpenApiFeature()).register(new RootResource());
    server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), app);
    base = URI.create("http://127.0.0.1:" + server.getListener("grizzly").getPort());
  }

  @AfterEach
  void stop() {
    server.shutdownNow();
  }

  @Test
  void getYaml_servesTheDocumentAsWritten() throws Exception {
    HttpResponse<byte[]> response = get("/openapi.yaml", "*/*");

    assertEquals(200, response.statusCode());
    assertEquals("application/yaml", response.headers().firstValue("Content-Type").orElseThrow());
    try (var in = OpenApiFeatureTest.class.getResourceAsStream(OpenApiDocument.RESOURCE)) {
      assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8),
          new String(response.body(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void getJson_servesTheSameDocumentAsJson() throws Exception {
    HttpResponse<byte[]> response = get("/openapi.json", "application/json");

    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    JsonNode json = new ObjectMapper().readTree(response.body());
    JsonNode yaml = new YAMLMapper().readTree(get("/openapi.yaml", "*/*").body());
    assertEquals(yaml, json);
    assertEquals("3.1.0", json.get("openapi").textValue());
    assertTrue(json.get("paths").has("/topics/{topic}"), "paths: " + json.get("paths").fieldNames());
  }

  @Test
  void getRoot_besideTheDocument_stillAnswers() throws Exception {
    HttpResponse<byte[]> response = get("/", "application/vnd.kafka.v2+json");

    assertEquals(200, response.statusCode());
    assertEquals("{}", new String(response.body(), StandardCharsets.UTF_8));
  }

  @Test
  void of_invalidYaml_failsAtOnce() {
    byte[] broken = "openapi: [3.1.0\n".getBytes(StandardCharsets.UTF_8);

    IllegalStateException error = assertThrows(IllegalStateException.class, () -> OpenApiDocument.of(broken));
    assertTrue(error.getMessage().contains("not valid YAML"), error.getMessage());
  }

  private HttpResponse<byte[]> get(String path, String accept) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
