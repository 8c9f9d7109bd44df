package dev.kafkarest.server.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kafkarest.server.http.ErrorResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorEnvelopesTest {

  @Test
  void errorCode_errorResponse_isItsCode() {
    assertEquals(40403, ErrorEnvelopes.errorCode(new ErrorResponse(40403, "Consumer instance not found.")));
  }

  @Test
  void errorCode_envelopeWrittenAsText_isReadFromTheText() {
    assertEquals(40101, ErrorEnvelopes.errorCode("{\"error_code\":40101,\"message\":\"Authentication required\"}"));
    assertEquals(429, ErrorEnvelopes.errorCode("{\"error_code\":429}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"status\":\"UP\"}", "{\"error_code\":}", "{\"error_code\":1234567,\"message\":\"x\"}",
      "{\"error_code\":12", "plain text"})
  void errorCode_otherText_isNull(String text) {
    assertNull(ErrorEnvelopes.errorCode(text));
  }

  @Test
  void errorCode_otherEntityOrNone_isNull() {
    assertNull(ErrorEnvelopes.errorCode(Map.of("error_code", 1)));
    assertNull(ErrorEnvelopes.errorCode(null));
  }
}
