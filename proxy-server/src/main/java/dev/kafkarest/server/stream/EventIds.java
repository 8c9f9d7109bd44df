package dev.kafkarest.server.stream;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * Event ids: {@code topic/partition/offset} of the record an event carries ({@code /} cannot occur in a
 * topic name). A {@code Last-Event-ID} names one such position, or several separated by commas, and a
 * stream resumes right after each.
 */
public final class EventIds {
  private static final Pattern POSITION = Pattern.compile("([a-zA-Z0-9._-]{1,249})/(\\d{1,10})/(\\d{1,19})");

  private EventIds() {}

  /** {@return the id of a record's event} */
  public static String of(ConsumerRecord<?, ?> record) {
    return record.topic() + "/" + record.partition() + "/" + record.offset();
  }

  /**
   * {@return for each partition a {@code Last-Event-ID} names, the offset to resume at (right after the one
   *     named); empty for a missing or blank header}
   *
   * @throws ProxyException 400/400 when the header is not one or more {@code topic/partition/offset}
   */
  public static Map<TopicPartition, Long> resumeOffsets(@Nullable String lastEventId) {
    Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
    if (lastEventId == null || lastEventId.isBlank()) {
      return offsets;
    }
    for (String part : lastEventId.split(",", -1)) {
      Matcher position = POSITION.matcher(part.strip());
      if (!position.matches()) {
        throw new ProxyException(ErrorCode.BAD_REQUEST, "Last-Event-ID must be topic/partition/offset (several "
            + "separated by commas), as the stream's event ids are.");
      }
      try {
        offsets.merge(new TopicPartition(position.group(1), Integer.parseInt(position.group(2))),
            Math.addExact(Long.parseLong(position.group(3)), 1), Math::max);
      } catch (ArithmeticException | NumberFormatException e) {
        throw new ProxyException(ErrorCode.BAD_REQUEST, "Last-Event-ID names an offset out of range.", e);
      }
    }
    return offsets;
  }
}
