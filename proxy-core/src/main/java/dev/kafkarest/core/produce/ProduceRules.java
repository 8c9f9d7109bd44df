package dev.kafkarest.core.produce;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.format.RecordCodec;
import dev.kafkarest.core.produce.ValueValidator.ValueCheck;
import dev.kafkarest.core.produce.ValueValidator.Violation;
import java.io.InputStream;
import java.util.List;

/**
 * What a produce request must satisfy before anything of it is sent: a legal topic name, at most
 * {@link #maxRecords()} records, and values that pass the topic's {@link ValueValidator} check. A request
 * that breaks any rule is refused as a whole.
 *
 * <p>Values are checked only in the {@code json} format; {@code binary} values are opaque bytes. A topic
 * without a check costs one {@link ValueValidator#forTopic} look-up per request and nothing per record.
 * Thread-safe.
 */
public final class ProduceRules {
  /** Records per request when nothing else is configured. */
  public static final int DEFAULT_MAX_RECORDS = 10_000;
  /** Violations a 42210 message lists before it only counts the rest. */
  public static final int MAX_LISTED_VIOLATIONS = 20;
  /** Longest pointer or reason quoted in a 42210 message; longer ones are cut. */
  private static final int MAX_QUOTED_CHARS = 200;

  private final int maxRecords;
  private final ValueValidator values;

  /**
   * @param maxRecords the most records one request may hold, at least 1
   * @param values the per-topic value checks
   */
  public ProduceRules(int maxRecords, ValueValidator values) {
    if (maxRecords < 1) {
      throw new IllegalArgumentException("maxRecords must be at least 1, was " + maxRecords);
    }
    this.maxRecords = maxRecords;
    this.values = values;
  }

  /** {@return {@link #DEFAULT_MAX_RECORDS} records per request and no value checks} */
  public static ProduceRules defaults() {
    return new ProduceRules(DEFAULT_MAX_RECORDS, ValueValidator.NONE);
  }

  /** {@return the most records one request may hold} */
  public int maxRecords() {
    return maxRecords;
  }

  /**
   * Parses a produce request body for {@code topic} and checks it against the rules.
   *
   * @throws ProxyException 400/40002 for an illegal topic name (before the body is read); 413/413 for
   *     more than {@link #maxRecords()} records; 422/42210 when a value fails its topic's check (see
   *     {@link #requireValidValues}); the parser's 400 and 422 errors ({@link ProduceRequestParser})
   */
  public List<ProduceRecord> parse(String topic, EmbeddedFormat format, InputStream body) {
    TopicNames.requireValid(topic);
    List<ProduceRecord> records = ProduceRequestParser.parse(body, RecordCodec.of(format), maxRecords);
    requireValidValues(topic, format, records);
    return records;
  }

  /**
   * Checks every record's value against the topic's check, when the format is {@code json} and the topic
   * has one.
   *
   * @throws ProxyException 422/42210 when any value fails. The message lists, for the first
   *     {@value #MAX_LISTED_VIOLATIONS} violations, the record index, the JSON Pointer into the value and
   *     the reason, then how many more there are.
   */
  public void requireValidValues(String topic, EmbeddedFormat format, List<ProduceRecord> records) {
    if (format != EmbeddedFormat.JSON) {
      return;
    }
    ValueCheck check = values.forTopic(topic);
    if (check == null) {
      return;
    }
    StringBuilder listed = new StringBuilder();
    int listedCount = 0;
    int total = 0;
    for (int i = 0; i < records.size(); i++) {
      for (Violation violation : check.check(records.get(i).value())) {
        total++;
        if (listedCount < MAX_LISTED_VIOLATIONS) {
          listedCount++;
          listed.append(listedCount == 1 ? " " : "; ")
              .append("records[").append(i).append("].value at \"").append(cut(violation.pointer()))
              .append("\": ").append(cut(violation.reason()));
        }
      }
    }
    if (total == 0) {
      return;
    }
    if (total > listedCount) {
      listed.append("; and ").append(total - listedCount).append(" more");
    }
    throw new ProxyException(ErrorCode.SCHEMA_VALIDATION_FAILED,
        "Record values do not match the JSON Schema of topic " + topic + ", nothing was produced:" + listed + ".");
  }

  private static String cut(String text) {
    return text.length() <= MAX_QUOTED_CHARS ? text : text.substring(0, MAX_QUOTED_CHARS) + "...";
  }
}
