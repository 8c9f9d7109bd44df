package dev.kafkarest.core.consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
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
}
