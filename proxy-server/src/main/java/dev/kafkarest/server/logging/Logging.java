package dev.kafkarest.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Applies {@link LoggingSettings} to Logback at start, over what {@code logback.xml} set: the root level, the
 * levels of single loggers, and JSON lines in place of text on every console appender. An operator's own
 * {@code -Dlogback.configurationFile} still decides the appenders; the levels set here win.
 */
public final class Logging {
  private Logging() {}

  /** Jersey and Grizzly log through java.util.logging; sends that to SLF4J, once per JVM. */
  public static synchronized void routeJulToSlf4j() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }

  /**
   * Applies {@code settings}; with a backend other than Logback on the class path it changes nothing and says
   * so.
   */
  public static void apply(LoggingSettings settings) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      LoggerFactory.getLogger(Logging.class).warn("Logging is not through Logback ({}); the log4j.* and log.format "
          + "settings are not applied", factory.getClass().getName());
      return;
    }
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level(settings.root()));
    settings.loggers().forEach((name, level) -> context.getLogger(name).setLevel(level(level)));
    if (settings.format() == LoggingSettings.Format.JSON) {
      useJson(context);
    }
  }

  private static void useJson(LoggerContext context) {
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    List<ConsoleAppender<ILoggingEvent>> consoles = new ArrayList<>();
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
        consoles.add(console);
      }
    }
    for (ConsoleAppender<ILoggingEvent> console : consoles) {
      ConsoleAppender<ILoggingEvent> json = new ConsoleAppender<>();
      json.setContext(context);
      json.setName(console.getName());
      json.setTarget(console.getTarget());
      JsonLineEncoder encoder = new JsonLineEncoder();
      encoder.setContext(context);
      encoder.start();
      json.setEncoder(encoder);
      json.start();
      root.addAppender(json);
      root.detachAppender(console);
      console.stop();
    }
  }

  static Level level(LoggingSettings.Level level) {
    return switch (level) {
      case TRACE -> Level.TRACE;
      case DEBUG -> Level.DEBUG;
      case INFO -> Level.INFO;
      case WARN -> Level.WARN;
      case ERROR -> Level.ERROR;
      case OFF -> Level.OFF;
    };
  }
}
