package dev.kafkarest.server.v2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkarest.server.http.ObjectMapperProvider;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProduceResponseWriterTest {
  private static final ObjectMapper MAPPER = new ObjectMapperProvider().mapper();
  private static final ProduceResponseWriter WRITER = new ProduceResponseWriter(MAPPER.getFactory());

  @Test
  void writeTo_writtenRecord_writesCompactJsonWithExplicitNulls() throws Exception {
    ProduceResponse response = new ProduceResponse(List.of(new ProduceOffset(0, 1L, null, null)), null, null);

    assertEquals("{\"offsets\":[{\"partition\":0,\"offset\":1,\"error_code\":null,\"error\":null}],"
        + "\"key_schema_id\":null,\"value_schema_id\":null}", new String(write(response), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @MethodSource("responses")
  void writeTo_response_writesTheBytesDatabindWrites(ProduceResponse response) throws Exception {
    assertArrayEquals(MAPPER.writeValueAsBytes(response), write(response), MAPPER.writeValueAsString(response));
  }

  static Stream<ProduceResponse> responses() {
    List<ProduceOffset> many = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      many.add(i % 10 == 3 ? new ProduceOffset(null, null, 50002, "failed " + i) : new ProduceOffset(i % 7, i * 31L, null, null));
    }
    return Stream.of(
        new ProduceResponse(List.of(), null, null),
        new ProduceResponse(List.of(new ProduceOffset(0, 0L, null, null)), null, null),
        new ProduceResponse(List.of(
            new ProduceOffset(2, 100L, null, null),
            new ProduceOffset(null, null, 50003, "Topic orders not present in metadata after 60000 ms."),
            new ProduceOffset(Integer.MAX_VALUE, Long.MAX_VALUE, null, null),
            new ProduceOffset(-1, Long.MIN_VALUE, 40301, "")),
            null, null),
        new ProduceResponse(List.of(new ProduceOffset(null, null, 40101,
            "quote \" backslash \\ slash / tab \t newline \n nul \u0000 unit \u001f del \u007f")), 3, 4),
        new ProduceResponse(List.of(new ProduceOffset(null, null, 50002,
            "\u00e9\u20ac\u2028\u2029 \uD83D\uDE00 lone \uD800 \uDC00 end")), null, 7),
        new ProduceResponse(List.of(new ProduceOffset(1, 2L, 3, "all set")), Integer.MIN_VALUE, null),
        new ProduceResponse(many, null, null));
  }

  @Test
  void writeTo_entityStream_isFlushedButLeftOpen() throws Exception {
    ClosingAwareStream entity = new ClosingAwareStream();

    WRITER.writeTo(new ProduceResponse(List.of(), null, null), ProduceResponse.class, ProduceResponse.class,
        new Annotation[0], MediaType.APPLICATION_JSON_TYPE, new MultivaluedHashMap<>(), entity);

    assertEquals("{\"offsets\":[],\"key_schema_id\":null,\"value_schema_id\":null}", entity.toString(StandardCharsets.UTF_8));
    assertFalse(entity.closed);
  }

  @Test
  void isWriteable_onlyForProduceResponse() {
    assertTrue(WRITER.isWriteable(ProduceResponse.class, ProduceResponse.class, new Annotation[0],
        MediaType.valueOf("application/vnd.kafka.v2+json")));
    assertFalse(WRITER.isWriteable(ProduceOffset.class, ProduceOffset.class, new Annotation[0],
        MediaType.APPLICATION_JSON_TYPE));
    assertFalse(WRITER.isWriteable(Object.class, Object.class, new Annotation[0], MediaType.APPLICATION_JSON_TYPE));
  }

  private static byte[] write(ProduceResponse response) throws IOException {
    ByteArrayOutputStream entity = new ByteArrayOutputStream();
    WRITER.writeTo(response, ProduceResponse.class, ProduceResponse.class, new Annotation[0],
        MediaType.APPLICATION_JSON_TYPE, new MultivaluedHashMap<>(), entity);
    return entity.toByteArray();
  }

  private static final class ClosingAwareStream extends ByteArrayOutputStream {
    private boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }
}
