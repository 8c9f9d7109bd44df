package dev.kafkarest.core.consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordsBodyTest {

  @Test
  void build_contentSpanningManyChunks_writesEveryByteInOrder() throws IOException {
    byte[] expected = pattern(3_000_000);
    RecordsBody.Builder builder = new RecordsBody.Builder();
    builder.write(expected[0]);
    builder.write(expected, 1, 9_999);
    builder.write(expected, 10_000, expected.length - 10_000);

    RecordsBody body = builder.build();
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    body.writeTo(written);

    assertEquals(expected.length, body.size());
    assertArrayEquals(expected, written.toByteArray());
  }

  @Test
  void writeChunk_everyChunkInOrder_writesTheBodyWithoutItsUnusedTail() throws IOException {
    byte[] expected = pattern(1_000_003);
    RecordsBody.Builder builder = new RecordsBody.Builder();
    builder.write(expected, 0, expected.length);
    RecordsBody body = builder.build();

    ByteArrayOutputStream written = new ByteArrayOutputStream();
    for (int i = 0; i < body.chunkCount(); i++) {
      body.writeChunk(i, written);
    }

    assertTrue(body.chunkCount() > 1);
    assertArrayEquals(expected, written.toByteArray());
  }

  @Test
  void build_severalMegabytes_noChunkIsAHumongousAllocation() {
    RecordsBody.Builder builder = new RecordsBody.Builder();
    builder.write(pattern(3_000_000), 0, 3_000_000);

    // G1's regions are at least 1 MiB; an array of half a region or more is humongous.
    assertTrue(builder.build().largestChunk() < 512 * 1024);
  }

  @Test
  void truncate_backIntoAnEarlierChunk_dropsLaterChunksAndKeepsWriting() throws IOException {
    byte[] content = pattern(100_000);
    RecordsBody.Builder builder = new RecordsBody.Builder();
    builder.write(content, 0, content.length);

    builder.truncate(5_000); // inside the second chunk (4 KB + 8 KB)
    builder.write(new byte[] {1, 2, 3}, 0, 3);

    byte[] expected = Arrays.copyOf(content, 5_003);
    expected[5_000] = 1;
    expected[5_001] = 2;
    expected[5_002] = 3;
    assertArrayEquals(expected, bytes(builder.build()));
  }

  @Test
  void truncate_toExactChunkBoundaryAndToZero_leavesThatLength() throws IOException {
    RecordsBody.Builder builder = new RecordsBody.Builder();
    builder.write(pattern(20_000), 0, 20_000);

    builder.truncate(4096);
    assertEquals(4096, builder.size());
    builder.truncate(0);
    builder.write('[');

    assertArrayEquals(new byte[] {'['}, bytes(builder.build()));
  }

  @Test
  void truncate_beyondSize_isRefused() {
    RecordsBody.Builder builder = new RecordsBody.Builder();
    builder.write('x');

    assertThrows(IllegalArgumentException.class, () -> builder.truncate(2));
    assertThrows(IllegalArgumentException.class, () -> builder.truncate(-1));
  }

  private static byte[] bytes(RecordsBody body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    body.writeTo(out);
    return out.toByteArray();
  }

  private static byte[] pattern(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 31 + (i >> 8));
    }
    return bytes;
  }

  @Test
  void writeBase64_valuesAcrossEveryChunkBoundary_writeTheStandardPaddedText() throws IOException {
    Random random = new Random(7);
    RecordsBody.Builder builder = new RecordsBody.Builder();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    // Odd prefixes move each value's start across the 4-byte groups and the chunks' ends.
    for (int i = 0; expected.size() < 1_500_000; i++) {
      byte[] value = new byte[i % 7 == 0 ? 70_000 + i % 3 : i % 11];
      random.nextBytes(value);
      builder.write('x');
      expected.write('x');
      builder.writeBase64(value);
      expected.write(Base64.getEncoder().encode(value));
    }

    ByteArrayOutputStream written = new ByteArrayOutputStream();
    builder.build().writeTo(written);

    assertArrayEquals(expected.toByteArray(), written.toByteArray());
  }

  @Test
  void writeDecimal_anyLong_writesItsDecimalText() throws IOException {
    long[] values = {0, 7, 10, 99, 1_000_000, -1, -42, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE};
    RecordsBody.Builder builder = new RecordsBody.Builder();
    StringBuilder expected = new StringBuilder();
    // Enough rounds that some numbers meet the end of a chunk.
    for (int round = 0; round < 2_000; round++) {
      for (long value : values) {
        builder.writeDecimal(value);
        builder.write(' ');
        expected.append(value).append(' ');
      }
    }

    ByteArrayOutputStream written = new ByteArrayOutputStream();
    builder.build().writeTo(written);

    assertEquals(expected.toString(), written.toString(StandardCharsets.US_ASCII));
  }
}
