package dev.kafkarest.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.protocol.Errors;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Drops what Kafka's clients log at WARN or ERROR for a client's mistake that the proxy answers itself, so
 * that a mistake costs no log line above debug (issue 13). One case today: the consumer coordinator logs
 * an ERROR for a commit whose metadata is over the broker's {@code offset.metadata.max.bytes}, which the
 * proxy answers 400/40002. Kafka's logger formats the line itself (the client's prefix, then "Offset commit
 * failed on partition ... : " and the error's message), so the filter looks at the format and at any
 * arguments. And Jersey's ERROR with a stack trace when writing a response fails with an I/O error (the
 * client stopped reading or went away; the connection is closed by then, see {@code ClosingOnWriteFailure}).
 * Every other line of these loggers passes.
 */
public final class ClientMistakeFilter extends TurboFilter {
  static final String COORDINATOR = "org.apache.kafka.clients.consumer.internals.ConsumerCoordinator";
  private static final String METADATA_TOO_LARGE = Errors.OFFSET_METADATA_TOO_LARGE.message();
  static final String JERSEY_RESPONDER = "org.glassfish.jersey.server.ServerRuntime$Responder";

  @Override
  public FilterReply decide(@Nullable Marker marker, Logger logger, Level level, @Nullable String format,
      Object @Nullable [] params, @Nullable Throwable t) {
    if (level.isGreaterOrEqual(Level.WARN) && COORDINATOR.equals(logger.getName()) && format != null
        && format.contains("Offset commit failed")
        && (format.contains(METADATA_TOO_LARGE) || params != null && anyContains(params, METADATA_TOO_LARGE))) {
      return FilterReply.DENY;
    }
    if (level.isGreaterOrEqual(Level.WARN) && JERSEY_RESPONDER.equals(logger.getName()) && causedByIo(t)) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }

  /** {@return whether an {@link java.io.IOException} is in the chain: the client's connection failed} */
  private static boolean causedByIo(@Nullable Throwable t) {
    for (Throwable cause = t; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.io.IOException) {
        return true;
      }
    }
    return false;
  }

    private static boolean anyContains(Object[] params, String text) {
    for (Object param : params) {
      if (String.valueOf(param).contains(text)) {
        return true;
      }
    }
    return false;
  }

  /** Adds the filter to Logback once per JVM; with another backend it does nothing. */
  public static void install() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    synchronized (context) {
      if (context.getTurboFilterList().stream().noneMatch(ClientMistakeFilter.class::isInstance)) {
        ClientMistakeFilter filter = new ClientMistakeFilter();
        filter.setName("client-mistakes");
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
      }
    }
  }
}
