package dev.kafkarest.server.http;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.format.EmbeddedFormat;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes media-type handling: any Content-Type or Accept text is parsed by Jersey or refused with
 * {@link IllegalArgumentException}; a parsed type selects a produce format, and an Accept list selects a
 * records type or is refused with a 4xx {@link ProxyException}.
 */
class KafkaMediaTypesFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void produceFormat_anyContentType_formatOrRefused(byte[] header) {
    MediaType type = parse(new String(header, StandardCharsets.UTF_8));
    if (type == null) {
      return;
    }
    try {
      assertNotNull(KafkaMediaTypes.produceFormat(type));
    } catch (ProxyException e) {
      assertClientError(e);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void recordsResponseType_anyAcceptList_typeOrNotAcceptable(byte[] header) {
    List<MediaType> accepted = new ArrayList<>();
    for (String item : new String(header, StandardCharsets.UTF_8).split(",")) {
      MediaType type = parse(item);
      if (type != null) {
        accepted.add(type);
      }
    }
    for (EmbeddedFormat format : List.of(EmbeddedFormat.BINARY, EmbeddedFormat.JSON)) {
      try {
        MediaType chosen = KafkaMediaTypes.recordsResponseType(format, accepted);
        assertTrue(chosen.equals(MediaType.APPLICATION_JSON_TYPE) || chosen.equals(KafkaMediaTypes.recordsType(format)),
            () -> "chose " + chosen);
      } catch (ProxyException e) {
        assertClientError(e);
      }
    }
  }

  private static MediaType parse(String text) {
    try {
      return MediaType.valueOf(text);
    } catch (IllegalArgumentException refused) {
      return null;
    }
  }

  private static void assertClientError(ProxyException e) {
    int status = e.errorCode().httpStatus();
    assertTrue(status >= 400 && status < 500, () -> "a client mistake must be a 4xx, was " + status + ": " + e);
  }
}
