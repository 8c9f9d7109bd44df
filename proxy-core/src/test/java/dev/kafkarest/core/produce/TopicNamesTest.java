package dev.kafkarest.core.produce;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"orders", "a", "Orders.v2_EU-west", "...", "-_.", "0"})
  void requireValid_legalName_passes(String topic) {
    assertDoesNotThrow(() -> TopicNames.requireValid(topic));
    assertTrue(TopicNames.isValid(topic));
  }

  @Test
  void requireValid_249Characters_passes() {
    assertDoesNotThrow(() -> TopicNames.requireValid("t".repeat(249)));
  }

  @Test
  void requireValid_250Characters_returns40002NamingTheLength() {
    ProxyException e = assertThrows(ProxyException.class, () -> TopicNames.requireValid("t".repeat(250)));

    assertEquals(ErrorCode.KAFKA_BAD_REQUEST, e.errorCode());
    assertEquals("Invalid topic name: the name is 250 characters long; at most 249 are allowed.", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a b", "a/b", "a:b", "é", "a\u0000", "orders*", "a+b", "a%20b"})
  void requireValid_illegalCharacter_returns40002(String topic) {
    ProxyException e = assertThrows(ProxyException.class, () -> TopicNames.requireValid(topic));

    assertEquals(ErrorCode.KAFKA_BAD_REQUEST, e.errorCode());
    assertTrue(e.getMessage().contains("is not allowed; use ASCII letters, digits, '.', '_' and '-'."), e.getMessage());
    assertFalse(TopicNames.isValid(topic));
  }

  @Test
  void requireValid_illegalCharacter_namesItAndItsIndex() {
    assertEquals("Invalid topic name: character U+0020 at index 1 is not allowed; use ASCII letters, digits, '.', '_' and '-'.",
        assertThrows(ProxyException.class, () -> TopicNames.requireValid("a b")).getMessage());
    assertEquals("Invalid topic name: character U+00E9 at index 0 is not allowed; use ASCII letters, digits, '.', '_' and '-'.",
        assertThrows(ProxyException.class, () -> TopicNames.requireValid("é")).getMessage());
    assertEquals("Invalid topic name: character '/' at index 3 is not allowed; use ASCII letters, digits, '.', '_' and '-'.",
        assertThrows(ProxyException.class, () -> TopicNames.requireValid("abc/d")).getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", ".."})
  void requireValid_emptyOrDotNames_returns40002(String topic) {
    ProxyException e = assertThrows(ProxyException.class, () -> TopicNames.requireValid(topic));

    assertEquals(ErrorCode.KAFKA_BAD_REQUEST, e.errorCode());
    assertTrue(e.getMessage().startsWith("Invalid topic name: "), e.getMessage());
  }

  @Test
  void isValidPrefix_legalCharactersUpTo249_isTrue() {
    assertTrue(TopicNames.isValidPrefix("sensors-"));
    assertTrue(TopicNames.isValidPrefix("."));
    assertTrue(TopicNames.isValidPrefix("p".repeat(249)));
  }

  @Test
  void isValidPrefix_emptyTooLongOrIllegal_isFalse() {
    assertFalse(TopicNames.isValidPrefix(""));
    assertFalse(TopicNames.isValidPrefix("p".repeat(250)));
    assertFalse(TopicNames.isValidPrefix("a*"));
  }
}
