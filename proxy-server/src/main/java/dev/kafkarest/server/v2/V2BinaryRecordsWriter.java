package dev.kafkarest.server.v2;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.kafkarest.core.consumer.CountingBatchWriter;
import dev.kafkarest.core.consumer.RecordsBody;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Builds the body of a v2 records response of a {@code binary} instance byte by byte, without a JSON
 * generator: every record is {@code {"topic", "key", "value", "partition", "offset"}} with base64 keys and
 * values, so the fixed text is written pre-encoded and the base64 straight into the body ({@link
 * RecordsBody.Builder#writeBase64}). Its bytes are exactly those {@link V2RecordsWriter} writes with the binary
 * codec, at less cost per record (the C1 drain's hot path). Binary data is always valid, so no record is ever
 * cut off. Not thread-safe.
 */
final class V2BinaryRecordsWriter extends CountingBatchWriter<RecordsBody> {
  private static final byte[] OPEN_WITHOUT_TOPIC = ascii("{\"key\":");
  private static final byte[] VALUE = ascii(",\"value\":");
  private static final byte[] PARTITION = ascii(",\"partition\":");
  private static final byte[] OFFSET = ascii(",\"offset\":");
  private static final byte[] NULL = ascii("null");

  private final RecordsBody.Builder body = new RecordsBody.Builder();
  private final boolean withTopic;
  /** The topic of {@link #opening}, when it has one. */
  private @Nullable String topic;
  /** What starts each record up to the key: {@code {"topic":"...","key":} or {@code {"key":}. */
  private byte[] opening = OPEN_WITHOUT_TOPIC;

  /** @param withTopic whether records name their topic (v1's simple read leaves it out) */
  V2BinaryRecordsWriter(boolean withTopic) {
    this.withTopic = withTopic;
    body.write('[');
  }

  @Override
  public void add(ConsumerRecord<byte[], byte[]> record) {
    if (count() > 0) {
      body.write(',');
    }
    body.write(withTopic ? openingFor(record.topic()) : OPEN_WITHOUT_TOPIC);
    writeBase64OrNull(record.key());
    body.write(VALUE);
    writeBase64OrNull(record.value());
    body.write(PARTITION);
    body.writeDecimal(record.partition());
    body.write(OFFSET);
    body.writeDecimal(record.offset());
    body.write('}');
    counted(record);
  }

  @Override
  public RecordsBody finish() {
    body.write(']');
    return body.build();
  }

  private void writeBase64OrNull(byte @Nullable [] data) {
    if (data == null) {
      body.write(NULL);
    } else {
      body.write('"');
      body.writeBase64(data);
      body.write('"');
    }
  }

  private byte[] openingFor(String recordTopic) {
    if (!recordTopic.equals(topic)) {
      String quoted = new String(JsonStringEncoder.getInstance().quoteAsString(recordTopic));
      opening = ("{\"topic\":\"" + quoted + "\",\"key\":").getBytes(UTF_8);
      topic = recordTopic;
    }
    return opening;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(US_ASCII);
  }
}
