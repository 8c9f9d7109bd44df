package dev.kafkarest.server.v2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kafkarest.server.http.KafkaMediaTypes;
import dev.kafkarest.server.http.ObjectMapperProvider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Providers;
import java.lang.annotation.Annotation;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Through Jersey, for every response type a produce request can negotiate: the streaming writer is the
 * one chosen, and status, headers and body are those of the same response written by databind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProduceResponseMediaTypesTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final ObjectMapperProvider json = new ObjectMapperProvider();
  private HttpServer databind;
  private HttpServer streaming;

  /** Answers as the produce endpoints do: a {@link ProduceResponse} entity, completed asynchronously. */
  @Path("/produce")
  @Produces(KafkaMediaTypes.V2_RESPONSE_TYPES)
  public static final class Produce {
    @GET
    public CompletionStage<Response> produce(@QueryParam("records") int records) {
      List<ProduceOffset> offsets = new ArrayList<>();
      for (int i = 0; i < records; i++) {
        offsets.add(i % 4 == 1
            ? new ProduceOffset(null, null, 50002, "failed: \"\u00e9\" \uD83D\uDE00 \n" + i)
            : new ProduceOffset(i % 3, 1_000_000L + i, null, null));
      }
      return CompletableFuture.supplyAsync(() -> Response.ok(new ProduceResponse(offsets, null, null)).build());
    }

    @GET
    @Path("/writer")
    @Produces(MediaType.TEXT_PLAIN)
    public String writer(@QueryParam("type") String type, @Context Providers providers) {
      return providers.getMessageBodyWriter(ProduceResponse.class, ProduceResponse.class, new Annotation[0],
          MediaType.valueOf(type)).getClass().getName();
    }
  }

  @BeforeAll
  void start() {
    databind = start(application());
    streaming = start(application().register(new ProduceResponseWriter(json.mapper().getFactory())));
  }

  @AfterAll
  void stop() {
    databind.shutdownNow();
    streaming.shutdownNow();
  }

  @ParameterizedTest
  @ValueSource(strings = {KafkaMediaTypes.V2_JSON, KafkaMediaTypes.KAFKA_JSON, KafkaMediaTypes.JSON,
      KafkaMediaTypes.V1_JSON, "application/json; charset=utf-8"})
  void writer_acceptedResponseType_isTheStreamingWriter(String type) throws Exception {
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri(streaming,
            "/produce/writer?type=" + URLEncoder.encode(type, StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());

    assertEquals(ProduceResponseWriter.class.getName(), response.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "*/*", KafkaMediaTypes.V2_JSON, KafkaMediaTypes.KAFKA_JSON, KafkaMediaTypes.JSON,
      KafkaMediaTypes.V1_JSON, "application/json; charset=utf-8", "application/*", "text/html, */*;q=0.1",
      "application/vnd.kafka.v2+json;q=0.5, application/json", "text/plain"})
  void produce_acceptHeader_answersAsDatabindDid(String accept) throws Exception {
    for (int records : new int[] {0, 1, 100, 500}) {
      HttpResponse<byte[]> expected = get(databind, records, accept);
      HttpResponse<byte[]> actual = get(streaming, records, accept);

      String context = "Accept: " + accept + ", records: " + records;
      assertEquals(expected.statusCode(), actual.statusCode(), context);
      assertEquals(expected.headers().firstValue("Content-Type"), actual.headers().firstValue("Content-Type"), context);
      assertEquals(expected.headers().firstValue("Content-Length"), actual.headers().firstValue("Content-Length"),
          context);
      assertArrayEquals(expected.body(), actual.body(), context);
    }
  }

  private ResourceConfig application() {
    return new ResourceConfig()
        .register(JacksonFeature.withoutExceptionMappers())
        .register(json)
        .register(new Produce());
  }

  private static HttpServer start(ResourceConfig application) {
    return GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), application);
  }

  private static HttpResponse<byte[]> get(HttpServer server, int records, String accept) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(server, "/produce?records=" + records));
    if (!accept.isEmpty()) {
      request.header("Accept", accept);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static URI uri(HttpServer server, String path) {
    return URI.create("http://127.0.0.1:" + server.getListener("grizzly").getPort() + path);
  }
}
