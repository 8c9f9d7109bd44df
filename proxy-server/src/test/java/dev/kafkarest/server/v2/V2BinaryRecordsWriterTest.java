package dev.kafkarest.server.v2;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.kafkarest.core.consumer.RecordBatchWriter;
import dev.kafkarest.core.consumer.RecordsBody;
import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.format.RecordCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class V2BinaryRecordsWriterTest {

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void add_randomRecords_writesExactlyTheBytesOfTheGeneratorWriter(boolean withTopic) throws IOException {
    Random random = new Random(42);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    String[] topics = {"t", "orders.v2-eu_1", "b\"q\\u\u00e9"};
    for (int i = 0; i < 3_000; i++) {
      // Mostly small values around every length mod 3, a few far larger than a chunk of the body.
      int length = i % 500 == 7 ? 300_000 + random.nextInt(3) : random.nextInt(130);
      records.add(new ConsumerRecord<>(topics[random.nextInt(topics.length)], random.nextInt(1_000),
          random.nextBoolean() ? random.nextLong() & Long.MAX_VALUE : random.nextInt(10_000),
          random.nextInt(4) == 0 ? null : bytes(random, random.nextInt(20)),
          random.nextInt(10) == 0 ? null : bytes(random, length)));
    }
    V2RecordsWriter generatorWriter = new V2RecordsWriter(RecordCodec.of(EmbeddedFormat.BINARY), withTopic);
    V2BinaryRecordsWriter binaryWriter = new V2BinaryRecordsWriter(withTopic);

    for (ConsumerRecord<byte[], byte[]> record : records) {
      generatorWriter.add(record);
      binaryWriter.add(record);
    }

    assertEquals(generatorWriter.count(), binaryWriter.count());
    assertEquals(generatorWriter.bytes(), binaryWriter.bytes());
    assertEquals(text(generatorWriter.finish()), text(binaryWriter.finish()));
  }

  @Test
  void finish_noRecords_writesAnEmptyArray() throws IOException {
    assertEquals("[]", text(new V2BinaryRecordsWriter(true).finish()));
  }

  @Test
  void factories_binaryInstance_getTheGeneratorFreeWriter() {
    RecordCodec binary = RecordCodec.of(EmbeddedFormat.BINARY);
    RecordCodec json = RecordCodec.of(EmbeddedFormat.JSON);

    assertInstanceOf(V2BinaryRecordsWriter.class, V2RecordsWriter.FACTORY.create(EmbeddedFormat.BINARY, binary));
    assertInstanceOf(V2BinaryRecordsWriter.class, V2RecordsWriter.V1_SIMPLE.create(EmbeddedFormat.BINARY, binary));
    assertInstanceOf(V2RecordsWriter.class, V2RecordsWriter.FACTORY.create(EmbeddedFormat.JSON, json));
  }

  private static byte[] bytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String text(RecordsBody body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    body.writeTo(out);
    assertEquals(out.size(), body.size());
    return out.toString(UTF_8);
  }
}
