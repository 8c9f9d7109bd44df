package dev.kafkarest.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ClientMistakeFilterTest {
  private final LoggerContext context = new LoggerContext();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  ClientMistakeFilterTest() {
    ClientMistakeFilter filter = new ClientMistakeFilter();
    filter.setContext(context);
    filter.start();
    context.addTurboFilter(filter);
    appender.setContext(context);
    appender.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
  }

  @Test
  void decide_commitWithMetadataTooLarge_isDropped() {
    // as Kafka's LogContext passes it: the client's prefix, then the format
    context.getLogger(ClientMistakeFilter.COORDINATOR).error(
        "[Consumer clientId=c, groupId=g] Offset commit failed on partition {} at offset {}: {}",
        new TopicPartition("t", 0), 2L, "The metadata field of the offset request was too large.");

    assertEquals(0, appender.list.size());
  }

  @Test
  void decide_commitWithMetadataTooLarge_formattedByKafkasLogger_isDropped() {
    // Kafka's LogContext formats the arguments into the message and passes none
    context.getLogger(ClientMistakeFilter.COORDINATOR).error("[Consumer clientId=c, groupId=g] Offset commit failed "
        + "on partition t-0 at offset 2: The metadata field of the offset request was too large.");

    assertEquals(0, appender.list.size());
  }

  @Test
  void decide_jerseyWriteFailureOfTheClientConnection_isDropped_otherJerseyErrorsPass() {
    Logger responder = context.getLogger(ClientMistakeFilter.JERSEY_RESPONDER);
    responder.error("An I/O error has occurred while writing a response message entity to the container output "
        + "stream.", new IllegalStateException(new java.io.IOException("Write timeout exceeded")));
    responder.error("Something else", new IllegalStateException("a bug"));

    assertEquals(1, appender.list.size());
    assertEquals("Something else", appender.list.get(0).getMessage());
  }

  @Test
  void decide_otherCommitFailures_andOtherLoggers_pass() {
    context.getLogger(ClientMistakeFilter.COORDINATOR).error("Offset commit failed on partition {} at offset {}: {}",
        new TopicPartition("t", 0), 2L, "The coordinator is not available.");
    context.getLogger("org.apache.kafka.clients.NetworkClient").error("The metadata field of the offset request was "
        + "too large.");

    assertEquals(2, appender.list.size());
  }
}
