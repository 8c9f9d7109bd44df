package dev.kafkarest.server.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

  @ParameterizedTest
  @ValueSource(strings = {"abc", "4f3c2a10-9e0b-4c5e-8f7a-1b2c3d4e5f60", "Root=1-5e1b4151-5ac6c58f:x/y+z@h_1.2"})
  void acceptOrGenerate_safeId_keepsIt(String id) {
    assertEquals(id, RequestIds.acceptOrGenerate(id));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"has space", "quote\"", "new\nline", "semi;colon", "ünïcode", "<script>"})
  void acceptOrGenerate_missingOrUnsafeId_generatesOne(String id) {
    String generated = RequestIds.acceptOrGenerate(id);

    assertTrue(generated.matches("[0-9a-f]{32}"), generated);
  }

  @ParameterizedTest
  @ValueSource(ints = {128, 129})
  void acceptOrGenerate_longId_keptUpTo128Characters(int length) {
    String id = "a".repeat(length);

    assertEquals(length <= RequestIds.MAX_LENGTH, RequestIds.acceptOrGenerate(id).equals(id));
  }

  @Test
  void generate_eachCall_givesAnotherId() {
    assertNotEquals(RequestIds.generate(), RequestIds.generate());
  }
}
