package dev.kafkarest.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.classic.util.ContextInitializer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Applies settings to the test JVM's Logback context and puts logback-test.xml back afterwards. */
class LoggingTest {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

  @AfterEach
  void restoreTestConfiguration() throws JoranException {
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  @Test
  void apply_levels_setOnRootAndNamedLoggers() {
    Logging.apply(new LoggingSettings(LoggingSettings.Level.WARN,
        Map.of("kafka.rest.access", LoggingSettings.Level.OFF, "dev.kafkarest.x", LoggingSettings.Level.DEBUG),
        LoggingSettings.Format.TEXT));

    assertEquals(Level.WARN, context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
    assertFalse(LoggerFactory.getLogger("kafka.rest.access").isErrorEnabled());
    assertTrue(LoggerFactory.getLogger("dev.kafkarest.x.Y").isDebugEnabled());
    assertFalse(LoggerFactory.getLogger("dev.kafkarest.other").isInfoEnabled());
  }

  @Test
  void apply_json_consoleWritesOneJsonObjectPerLine() {
    Logging.apply(new LoggingSettings(LoggingSettings.Level.INFO, Map.of(), LoggingSettings.Format.JSON));
    ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>)
        context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
    assertInstanceOf(JsonLineEncoder.class, console.getEncoder());

    String text = captureStderr(() -> LoggerFactory.getLogger("dev.kafkarest.json").info("a \"quoted\"\nline {}",
        "arg", new IllegalStateException("boom")));

    String[] lines = text.split("\n");
    assertEquals(1, lines.length, text);
    assertTrue(lines[0].matches("\\{\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\",\"level\":\"INFO\","
        + "\"thread\":\"[^\"]+\",\"logger\":\"dev.kafkarest.json\",\"message\":\"a \\\\\"quoted\\\\\"\\\\nline arg\","
        + "\"exception\":\"java.lang.IllegalStateException: boom\\\\n.*\"}"), lines[0]);
  }

  private static String captureStderr(Runnable logging) {
    PrintStream original = System.err;
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    System.setErr(new PrintStream(copy, true, StandardCharsets.UTF_8));
    try {
      logging.run();
    } finally {
      System.setErr(original);
    }
    return copy.toString(StandardCharsets.UTF_8);
  }
}
