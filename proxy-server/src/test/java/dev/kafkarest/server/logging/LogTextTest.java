package dev.kafkarest.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogTextTest {

  @Test
  void loggable_controlCharactersBecomeQuestionMarks() {
    assertEquals("node-1?[2K??forged line", LogText.loggable("node-1\u001b[2K\u0007\nforged line"));
  }

  @Test
  void loggable_longTextIsCutAt200Characters() {
    assertEquals("x".repeat(200) + "...", LogText.loggable("x".repeat(3_000)));
    assertEquals("x".repeat(200), LogText.loggable("x".repeat(200)));
  }
}
