package dev.kafkarest.core.produce;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.format.RecordCodec;
import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * Fuzzes the produce body parser: any body gives records or a 4xx {@link ProxyException}, never another
 * exception (which the server would answer with 500). Without {@code -Pfuzz} the seed corpus in
 * {@code ProduceRequestParserFuzzTestInputs/} is replayed.
 */
class ProduceRequestParserFuzzTest {
  private static final int MAX_RECORDS = 1_000;

  @FuzzTest(maxDuration = "5m")
  void parseBinary_anyBody_recordsOrClientError(byte[] body) {
    parse(body, RecordCodec.of(EmbeddedFormat.BINARY));
  }

  @FuzzTest(maxDuration = "5m")
  void parseJson_anyBody_recordsOrClientError(byte[] body) {
    parse(body, RecordCodec.of(EmbeddedFormat.JSON));
  }

  private static void parse(byte[] body, RecordCodec codec) {
    try {
      List<ProduceRecord> records = ProduceRequestParser.parse(new ByteArrayInputStream(body), codec, MAX_RECORDS);
      assertFalse(records.isEmpty(), "a parsed body has at least one record");
      assertTrue(records.size() <= MAX_RECORDS);
    } catch (ProxyException e) {
      assertClientError(e);
    }
  }

  static void assertClientError(ProxyException e) {
    int status = e.errorCode().httpStatus();
    assertTrue(status >= 400 && status < 500, () -> "a client mistake must be a 4xx, was " + status + ": " + e);
    assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "the error says what is wrong");
  }
}
