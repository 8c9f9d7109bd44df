package dev.kafkarest.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.params.provider.ValueSource;
import java.util.regex.Pattern;
import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ExceptionMappersTest {
  private static final ObjectMapper MAPPER = new ObjectMapperProvider().mapper();

  /** A request body type, to make Jackson fail the way request binding does. */
  private static final Pattern JAVA_NAME = Pattern.compile("\\b[a-z]+\\.[a-z]+\\.[A-Za-z]");

  record Body(@JsonProperty("partition") int partition, @JsonProperty("name") String name) {}

  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void proxyExceptionMapper_eachErrorCode_answersItsStatusAndBody(ErrorCode code) throws Exception {
    Response response = new ProxyExceptionMapper().toResponse(new ProxyException(code, "details for " + code));

    assertEquals(code.httpStatus(), response.getStatus());
    assertEquals("{\"error_code\":" + code.code() + ",\"message\":\"details for " + code + "\"}", body(response));
  }

  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void proxyExceptionMapper_eachErrorCode_setsRetryAfterOnlyForBrokerNotAvailable(ErrorCode code) {
    Response response = new ProxyExceptionMapper().toResponse(new ProxyException(code, "details"));

    Object retryAfter = response.getHeaders().getFirst("Retry-After");
    if (code == ErrorCode.BROKER_NOT_AVAILABLE) {
      assertEquals(ErrorResponses.KAFKA_RETRY_AFTER_SECONDS, retryAfter);
    } else {
      assertNull(retryAfter, code::name);
    }
  }

  @Test
  void catchAllMapper_kafkaTimeoutInFuture_answers503With50302AndRetryAfter() throws Exception {
    Response response = new CatchAllExceptionMapper().toResponse(new CompletionException(
        new org.apache.kafka.common.errors.TimeoutException("Timed out waiting for a node assignment. Call: listTopics")));

    assertEquals(503, response.getStatus());
    assertEquals(5, response.getHeaders().getFirst("Retry-After"));
    assertEquals("{\"error_code\":50302,\"message\":\"Timed out waiting for a node assignment. Call: listTopics\"}",
        body(response));
  }

  @Test
  void proxyExceptionMapper_retryLater_addsRetryAfterInWholeSecondsRoundedUp() throws Exception {
    Response response = new ProxyExceptionMapper().toResponse(ProxyException.retryLater(ErrorCode.TOO_MANY_REQUESTS,
        "full", java.time.Duration.ofMillis(1_500)));

    assertEquals(429, response.getStatus());
    assertEquals("2", response.getHeaderString("Retry-After"));
    assertEquals("{\"error_code\":429,\"message\":\"full\"}", body(response));
  }

  @Test
  void proxyExceptionMapper_withoutRetryLater_hasNoRetryAfter() {
    Response response = new ProxyExceptionMapper().toResponse(new ProxyException(ErrorCode.TOO_MANY_REQUESTS));

    assertEquals(null, response.getHeaderString("Retry-After"));
  }

  @Test
  void proxyExceptionMapper_consumerConstraintCode_answers422With40001() throws Exception {
    Response response = new ProxyExceptionMapper().toResponse(
        new ProxyException(ErrorCode.INVALID_CONSUMER_CONFIG_CONSTRAINT, "fetch.min.bytes out of range"));

    assertEquals(422, response.getStatus());
    assertEquals("{\"error_code\":40001,\"message\":\"fetch.min.bytes out of range\"}", body(response));
  }

  @ParameterizedTest
  @CsvSource({
      "*/*, application/vnd.kafka.v2+json",
      "application/vnd.kafka.v2+json, application/vnd.kafka.v2+json",
      "application/vnd.kafka.binary.v2+json, application/vnd.kafka.v2+json",
      "application/json, application/json",
      "text/plain, application/json"
  })
  void errorResponses_acceptHeader_choosesJsonContentType(String accept, String expected) {
    Response response = ErrorResponses.of(ErrorCode.TOPIC_NOT_FOUND, "Topic not found.", new FakeHttpHeaders(accept));

    assertEquals(MediaType.valueOf(expected), response.getMediaType());
  }

  @Test
  void errorResponses_noRequestHeaders_answersApplicationJson() {
    Response response = new ProxyExceptionMapper().toResponse(new ProxyException(ErrorCode.TOPIC_NOT_FOUND));

    assertEquals(MediaType.APPLICATION_JSON_TYPE, response.getMediaType());
  }

  @Test
  void jsonExceptionMapper_unknownField_answers422UnrecognizedField() throws Exception {
    JsonProcessingException failure = bindFailure("{\"partition\": 1, \"name\": \"n\", \"headers\": []}");

    Response response = new JsonExceptionMapper().toResponse(failure);

    assertEquals(422, response.getStatus());
    assertEquals("{\"error_code\":422,\"message\":\"Unrecognized field: headers\"}", body(response));
  }

  @Test
  void jsonExceptionMapper_malformedJson_answers400() throws Exception {
    Response response = new JsonExceptionMapper().toResponse(bindFailure("{\"partition\": 1,"));

    assertEquals(400, response.getStatus());
    ErrorResponse error = assertInstanceOf(ErrorResponse.class, response.getEntity());
    assertEquals(400, error.errorCode());
    assertTrue(error.message().startsWith("Malformed JSON: "), error.message());
  }

  @Test
  void jsonExceptionMapper_wrongType_answers400WithoutLocationNoise() throws Exception {
    Response response = new JsonExceptionMapper().toResponse(bindFailure("{\"partition\": \"abc\", \"name\": \"n\"}"));

    assertEquals(400, response.getStatus());
    ErrorResponse error = assertInstanceOf(ErrorResponse.class, response.getEntity());
    assertEquals(400, error.errorCode());
    assertTrue(error.message().startsWith("Bad Request: "), error.message());
    assertFalse(error.message().contains("[Source"), error.message());
    assertFalse(error.message().contains("(for "), error.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "{\"partition\": [1], \"name\": \"n\"}", "{\"partition\": 1, \"name\": [",
      "{\"partition\": 99999999999, \"name\": \"n\"}", "{\"partition\": 1, \"name\": {}}", "{\"partition\": \"x\"}",
      "\"text\"", "{\"partition\": 1, \"name\": \"n\"", "{\"partition\": tru}"})
  void jsonExceptionMapper_badBodyFromAStream_answers400InPlainWords(String json) throws Exception {
    JsonProcessingException failure = assertThrows(JsonProcessingException.class,
        () -> MAPPER.readValue(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), Body.class));

    Response response = new JsonExceptionMapper().toResponse(failure);

    assertEquals(400, response.getStatus());
    String message = assertInstanceOf(ErrorResponse.class, response.getEntity()).message();
    assertFalse(JAVA_NAME.matcher(message).find(), message);
    assertFalse(message.contains("`") || message.contains("$") || message.contains("[Source"), message);
  }

  @Test
  void jsonExceptionMapper_nullForPrimitive_answers400() throws Exception {
    Response response = new JsonExceptionMapper().toResponse(bindFailure("{\"partition\": null, \"name\": \"n\"}"));

    assertEquals(400, response.getStatus());
  }

  @Test
  void jsonExceptionMapper_bodyStreamOverSizeLimit_answers413NotBadRequest() throws Exception {
    byte[] large = ("{\"partition\": 1, \"name\": \"" + "x".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    InputStream overLimit = new FilterInputStream(new ByteArrayInputStream(large)) {
      private int read;

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (read > 10_000) {
          throw new ProxyException(ErrorCode.PAYLOAD_TOO_LARGE, "Request body is larger than the limit.");
        }
        int n = super.read(buffer, offset, length);
        read += Math.max(n, 0);
        return n;
      }
    };
    JsonProcessingException failure =
        assertThrows(JsonProcessingException.class, () -> MAPPER.readValue(overLimit, Body.class));

    Response response = new JsonExceptionMapper().toResponse(failure);

    assertEquals(413, response.getStatus());
    assertEquals("{\"error_code\":413,\"message\":\"Request body is larger than the limit.\"}", body(response));
  }

  @Test
  void jsonExceptionMapper_responseCannotBeWritten_answers500() throws Exception {
    InvalidDefinitionException failure =
        assertThrows(InvalidDefinitionException.class, () -> MAPPER.writeValueAsString(new Object()));

    Response response = new JsonExceptionMapper().toResponse(failure);

    assertEquals(500, response.getStatus());
    assertEquals("{\"error_code\":500,\"message\":\"Internal Server Error\"}", body(response));
  }

  @Test
  void jsonExceptionMapper_generationFailure_answers500() throws Exception {
    Response response = new JsonExceptionMapper().toResponse(
        new JsonGenerationException("Can not write a field name", (JsonGenerator) null));

    assertEquals(500, response.getStatus());
  }

  @Test
  void webApplicationExceptionMapper_notFound_answersStatusAsErrorCode() throws Exception {
    Response response = new WebApplicationExceptionMapper().toResponse(new NotFoundException());

    assertEquals(404, response.getStatus());
    assertEquals("{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}", body(response));
  }

  @Test
  void webApplicationExceptionMapper_unsupportedMediaType_answers415WithJsonType() throws Exception {
    Response response = WebApplicationExceptionMapper.respond(new NotSupportedException(),
        new FakeHttpHeaders("application/vnd.kafka.v2+json"));

    assertEquals(415, response.getStatus());
    assertEquals("{\"error_code\":415,\"message\":\"HTTP 415 Unsupported Media Type\"}", body(response));
    assertEquals(MediaType.valueOf(KafkaMediaTypes.V2_JSON), response.getMediaType());
  }

  @Test
  void webApplicationExceptionMapper_methodNotAllowed_keepsAllowHeader() throws Exception {
    Response response = new WebApplicationExceptionMapper().toResponse(
        new NotAllowedException("GET", new String[] {"POST"}));

    assertEquals(405, response.getStatus());
    String allow = response.getHeaderString("Allow");
    assertTrue(allow.contains("GET") && allow.contains("POST"), allow);
    assertEquals(405, assertInstanceOf(ErrorResponse.class, response.getEntity()).errorCode());
  }

  @Test
  void webApplicationExceptionMapper_notAcceptable_answers406Body() throws Exception {
    Response response = new WebApplicationExceptionMapper().toResponse(new NotAcceptableException());

    assertEquals(406, response.getStatus());
    assertEquals("{\"error_code\":406,\"message\":\"HTTP 406 Not Acceptable\"}", body(response));
  }

  @Test
  void catchAllMapper_wrappedProxyException_answersItsCode() throws Exception {
    Response response = new CatchAllExceptionMapper().toResponse(new CompletionException(
        new ProxyException(ErrorCode.PARTITION_NOT_FOUND, "Partition 9 of topic t not found.")));

    assertEquals(404, response.getStatus());
    assertEquals("{\"error_code\":40402,\"message\":\"Partition 9 of topic t not found.\"}", body(response));
  }

  @Test
  void catchAllMapper_wrappedKafkaException_answersTranslatedCode() throws Exception {
    Response response = new CatchAllExceptionMapper().toResponse(
        new ExecutionException(new TopicAuthorizationException("Not authorized to access topics: [t]")));

    assertEquals(403, response.getStatus());
    assertEquals("{\"error_code\":40301,\"message\":\"Not authorized to access topics: [t]\"}", body(response));
  }

  @Test
  void catchAllMapper_processingExceptionAroundJsonFailure_answersAsJsonMapper() throws Exception {
    Response response = new CatchAllExceptionMapper().toResponse(
        new ProcessingException(bindFailure("{\"partition\": 1, \"x\": 1}")));

    assertEquals(422, response.getStatus());
    assertEquals("{\"error_code\":422,\"message\":\"Unrecognized field: x\"}", body(response));
  }

  @Test
  void catchAllMapper_wrappedWebApplicationException_answersItsStatus() throws Exception {
    Response response = new CatchAllExceptionMapper().toResponse(
        new CompletionException(new WebApplicationException(409)));

    assertEquals(409, response.getStatus());
    assertEquals(409, assertInstanceOf(ErrorResponse.class, response.getEntity()).errorCode());
  }

  @Test
  void catchAllMapper_unexpectedError_answers500WithoutDetails() throws Exception {
    Response response = new CatchAllExceptionMapper().toResponse(new IllegalStateException("secret detail"));

    assertEquals(500, response.getStatus());
    assertEquals("{\"error_code\":500,\"message\":\"Internal Server Error\"}", body(response));
  }

  private static JsonProcessingException bindFailure(String json) {
    return assertThrows(JsonProcessingException.class, () -> MAPPER.readValue(json, Body.class));
  }

  private static String body(Response response) throws JsonProcessingException {
    return MAPPER.writeValueAsString(response.getEntity());
  }
}
