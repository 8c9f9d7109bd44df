package dev.kafkarest.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.format.EmbeddedFormat;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KafkaMediaTypesTest {

  @ParameterizedTest
  @CsvSource({
      "application/vnd.kafka.binary.v2+json, BINARY",
      "application/vnd.kafka.json.v2+json, JSON",
      "application/vnd.kafka.avro.v2+json, AVRO",
      "application/vnd.kafka.jsonschema.v2+json, JSONSCHEMA",
      "application/vnd.kafka.protobuf.v2+json, PROTOBUF",
      "application/vnd.kafka.binary.v1+json, BINARY",
      "application/vnd.kafka.json.v1+json, JSON",
      "application/vnd.kafka.avro.v1+json, AVRO",
      "APPLICATION/VND.KAFKA.JSON.V2+JSON, JSON",
      "'application/vnd.kafka.json.v2+json; charset=utf-8', JSON"
  })
  void produceFormat_vendorTypeWithFormat_selectsThatFormat(String contentType, EmbeddedFormat expected) {
    assertSame(expected, KafkaMediaTypes.produceFormat(MediaType.valueOf(contentType)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "application/vnd.kafka.v2+json",
      "application/vnd.kafka.v1+json",
      "application/vnd.kafka+json",
      "application/json",
      "application/octet-stream",
      "*/*",
      "application/*"
  })
  void produceFormat_genericType_meansBinary(String contentType) {
    assertSame(EmbeddedFormat.BINARY, KafkaMediaTypes.produceFormat(MediaType.valueOf(contentType)));
  }

  @Test
  void produceFormat_noContentType_meansBinary() {
    assertSame(EmbeddedFormat.BINARY, KafkaMediaTypes.produceFormat(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/vnd.kafka.v2+json", "application/vnd.kafka+json", "application/json",
      "text/plain", "application/vnd.kafka.v3+json"})
  void embeddedFormat_typeNamingNoFormat_returnsNull(String type) {
    assertNull(KafkaMediaTypes.embeddedFormat(MediaType.valueOf(type)));
  }

  @Test
  void embeddedFormat_vendorTypeWithUnknownFormat_throws422InvalidFormatType() {
    ProxyException e = assertThrows(ProxyException.class,
        () -> KafkaMediaTypes.embeddedFormat(MediaType.valueOf("application/vnd.kafka.string.v2+json")));

    assertSame(ErrorCode.UNPROCESSABLE_ENTITY, e.errorCode());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "application/vnd.kafka.binary.v2+json | BINARY | application/vnd.kafka.binary.v2+json",
      "application/vnd.kafka.binary.v1+json | BINARY | application/vnd.kafka.binary.v1+json",
      "application/vnd.kafka.json.v1+json | JSON | application/vnd.kafka.json.v1+json",
      "application/vnd.kafka.v1+json | JSON | application/vnd.kafka.json.v1+json",
      "application/vnd.kafka.json.v2+json | JSON | application/vnd.kafka.json.v2+json",
      "application/vnd.kafka.jsonschema.v2+json | AVRO | application/vnd.kafka.avro.v2+json",
      "application/json | BINARY | application/json",
      "*/* | JSON | application/vnd.kafka.json.v2+json",
      "application/vnd.kafka.v2+json | JSON | application/vnd.kafka.json.v2+json",
      // U3 (api-compatibility.md): typed with the format read, where Confluent echoes application/vnd.kafka.v2+json.
      "application/vnd.kafka.v2+json | BINARY | application/vnd.kafka.binary.v2+json",
      "application/vnd.kafka+json | BINARY | application/vnd.kafka.binary.v2+json",
      "application/* | BINARY | application/vnd.kafka.binary.v2+json",
      "text/plain, application/json | BINARY | application/json",
      "application/json, application/vnd.kafka.json.v2+json | BINARY | application/json",
      "text/plain | JSON | application/vnd.kafka.json.v2+json"
  })
  void recordsResponseType_acceptList_picksTypeInClientsOrder(String accept, EmbeddedFormat format, String expected) {
    assertEquals(MediaType.valueOf(expected), KafkaMediaTypes.recordsResponseType(format, accepted(accept)));
  }

  @Test
  void recordsResponseType_v1DefaultVersion_servesGenericAcceptAsV1() {
    assertEquals(MediaType.valueOf(KafkaMediaTypes.BINARY_V1),
        KafkaMediaTypes.recordsResponseType(EmbeddedFormat.BINARY, accepted("*/*"), "v1"));
    assertEquals(MediaType.valueOf(KafkaMediaTypes.JSON_V2),
        KafkaMediaTypes.recordsResponseType(EmbeddedFormat.JSON, accepted("application/vnd.kafka.json.v2+json"), "v1"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "application/vnd.kafka.json.v2+json | JSON",
      "application/vnd.kafka.json.v1+json | JSON",
      "application/json, application/vnd.kafka.json.v2+json | JSON",
      "application/vnd.kafka.binary.v2+json | BINARY",
      "*/* | BINARY",
      "application/vnd.kafka.v2+json | BINARY"
  })
  void requestedFormat_acceptList_picksTheFirstFormatNamed(String accept, EmbeddedFormat expected) {
    assertEquals(expected, KafkaMediaTypes.requestedFormat(accepted(accept), EmbeddedFormat.BINARY));
  }

  @Test
  void recordsResponseType_noAcceptList_servesTheFormatsType() {
    assertEquals(MediaType.valueOf(KafkaMediaTypes.BINARY_V2),
        KafkaMediaTypes.recordsResponseType(EmbeddedFormat.BINARY, List.of()));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "application/vnd.kafka.binary.v2+json | JSON",
      "application/vnd.kafka.json.v2+json, application/json | BINARY",
      "application/vnd.kafka.avro.v2+json | JSON"
  })
  void recordsResponseType_firstFormatNamedIsAnother_throws40601(String accept, EmbeddedFormat format) {
    ProxyException e = assertThrows(ProxyException.class,
        () -> KafkaMediaTypes.recordsResponseType(format, accepted(accept)));

    assertSame(ErrorCode.CONSUMER_FORMAT_MISMATCH, e.errorCode());
  }

  @Test
  void produceTypes_eachDeclaredType_parsesAsAMediaType() {
    for (String type : KafkaMediaTypes.PRODUCE_TYPES.split(",")) {
      assertEquals("application", MediaType.valueOf(type).getType(), type);
    }
  }

  private static List<MediaType> accepted(String accept) {
    return Arrays.stream(accept.split(",")).map(String::trim).map(MediaType::valueOf).toList();
  }
}
