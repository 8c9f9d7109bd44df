package dev.kafkarest.server.logging;

import java.util.Map;

/**
 * How the process logs ({@link LoggingKeys}).
 *
 * @param root the root logger's level
 * @param loggers levels of single loggers (and their descendants)
 * @param format the line format
 */
public record LoggingSettings(Level root, Map<String, Level> loggers, Format format) {
  public LoggingSettings {
    loggers = Map.copyOf(loggers);
  }

  /** Levels as SLF4J has them, and OFF. */
  public enum Level { TRACE, DEBUG, INFO, WARN, ERROR, OFF }

  /** Line formats. */
  public enum Format {
    /** {@code time [thread] LEVEL logger - message}, as logback.xml has it. */
    TEXT,
    /** One JSON object per line ({@link JsonLineEncoder}). */
    JSON
  }
}
