package dev.kafkarest.server.logging;

import dev.kafkarest.server.config.InvalidConfigException;
import dev.kafkarest.server.config.KeyGroup;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Keys of the process's log: levels named as the variables of Confluent's container image
 * ({@code KAFKA_REST_LOG4J_ROOT_LOGLEVEL} sets {@code log4j.root.loglevel}, {@code KAFKA_REST_LOG4J_LOGGERS}
 * sets {@code log4j.loggers}), so the same environment works here, and the line format. See
 * docs/configuration.md#logging.
 */
public final class LoggingKeys {
  public static final String ROOT_LEVEL = "log4j.root.loglevel";
  public static final String LOGGERS = "log4j.loggers";
  public static final String FORMAT = "log.format";

  /** A logger name: Java identifiers (and {@code -}, {@code $}) separated by dots. */
  private static final Pattern LOGGER = Pattern.compile("[A-Za-z0-9_$-]+(\\.[A-Za-z0-9_$-]+)*");

  private LoggingKeys() {}

  public static void define(ConfigDef definition) {
    new KeyGroup(definition, "Logging")
        .define(ROOT_LEVEL, Type.STRING, "INFO", null, Importance.LOW,
            "Level of the root logger: TRACE, DEBUG, INFO, WARN, ERROR or OFF (Log4j's FATAL is ERROR).")
        .define(LOGGERS, Type.STRING, "", null, Importance.LOW,
            "Levels of single loggers, as logger=LEVEL pairs separated by commas, for example "
                + "org.apache.kafka=INFO,kafka.rest.access=OFF.")
        .define(FORMAT, Type.STRING, "text", null, Importance.LOW,
            "Format of the log lines on standard error: text, or json (one JSON object per line).");
  }

  /** {@return the logging settings of a parsed configuration} */
  public static LoggingSettings settings(AbstractConfig config) {
    LoggingSettings.Level root = level(ROOT_LEVEL, config.getString(ROOT_LEVEL));
    Map<String, LoggingSettings.Level> loggers = new LinkedHashMap<>();
    for (String pair : config.getString(LOGGERS).split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair.strip() : pair.substring(0, equals).strip();
      if (equals < 0 || !LOGGER.matcher(name).matches()) {
        throw new InvalidConfigException("Invalid setting: " + LOGGERS + " '" + pair.strip()
            + "' must be logger=LEVEL, such as org.apache.kafka=WARN");
      }
      loggers.put(name, level(LOGGERS, pair.substring(equals + 1)));
    }
    String format = config.getString(FORMAT).strip().toLowerCase(Locale.ROOT);
    LoggingSettings.Format lineFormat = switch (format) {
      case "text" -> LoggingSettings.Format.TEXT;
      case "json" -> LoggingSettings.Format.JSON;
      default -> throw new InvalidConfigException("Invalid setting: " + FORMAT + " '" + format
          + "' must be text or json");
    };
    return new LoggingSettings(root, loggers, lineFormat);
  }

  private static LoggingSettings.Level level(String key, String value) {
    String name = value.strip().toUpperCase(Locale.ROOT);
    return switch (name) {
      case "ALL", "TRACE" -> LoggingSettings.Level.TRACE;
      case "DEBUG" -> LoggingSettings.Level.DEBUG;
      case "INFO" -> LoggingSettings.Level.INFO;
      case "WARN", "WARNING" -> LoggingSettings.Level.WARN;
      case "ERROR", "FATAL" -> LoggingSettings.Level.ERROR;
      case "OFF" -> LoggingSettings.Level.OFF;
      default -> throw new InvalidConfigException("Invalid setting: " + key + " level '"
          + (name.length() > 20 ? name.substring(0, 20) + "..." : name)
          + "' must be TRACE, DEBUG, INFO, WARN, ERROR or OFF");
    };
  }
}
