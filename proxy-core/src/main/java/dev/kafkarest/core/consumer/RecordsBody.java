package dev.kafkarest.core.consumer;

import dev.kafkarest.core.format.Base64Text;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A finished records response body, bytes kept in the chunks they were written into, so that a large
 * response is never grown by copying nor copied into one array before it is sent. It knows nothing of the
 * bytes' format: a {@link RecordBatchWriter} of any API can build its answer in one. Immutable once built.
 */
public final class RecordsBody {
  private final List<byte[]> chunks;
  private final int lastChunkLength;
  private final int size;

  private RecordsBody(List<byte[]> chunks, int lastChunkLength, int size) {
    this.chunks = chunks;
    this.lastChunkLength = lastChunkLength;
    this.size = size;
  }

  /** {@return the body's length in bytes} */
  public int size() {
    return size;
  }

  /** {@return the length of its largest chunk}; for tests */
  int largestChunk() {
    return chunks.stream().mapToInt(chunk -> chunk.length).max().orElse(0);
  }

  /** {@return how many chunks the body is kept in}, at least one */
  public int chunkCount() {
    return chunks.size();
  }

  /**
   * Writes one chunk of the body (the chunks in index order make the body), without copying it.
   *
   * @param index from 0 to {@link #chunkCount()} excluded
   */
  public void writeChunk(int index, OutputStream out) throws IOException {
    byte[] chunk = chunks.get(index);
    out.write(chunk, 0, index == chunks.size() - 1 ? lastChunkLength : chunk.length);
  }

  /** Writes the body to a stream, chunk by chunk, without closing it. */
  public void writeTo(OutputStream out) throws IOException {
    int last = chunks.size() - 1;
    for (int i = 0; i < last; i++) {
      out.write(chunks.get(i));
    }
    out.write(chunks.get(last), 0, lastChunkLength);
  }

  /**
   * An output stream into chunks that double in size up to a cap, which can be cut back to an earlier
   * length (to drop a record that failed half-way). Not thread-safe.
   */
  public static final class Builder extends OutputStream {
    private static final int FIRST_CHUNK = 4096;
    /**
     * Below half of G1's smallest region (1 MiB): a larger array is a humongous allocation, placed in old
     * regions of its own, and a few per drain read started a concurrent cycle every half second (JFR of C1).
     */
    static final int MAX_CHUNK = 256 * 1024;

    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] current = new byte[FIRST_CHUNK];
    private int position;
    /** Bytes in the chunks before {@code current}. */
    private int before;

    public Builder() {
      chunks.add(current);
    }

    /** {@return the bytes written so far} */
    public int size() {
      return before + position;
    }

    @Override
    public void write(int b) {
      if (position == current.length) {
        nextChunk();
      }
      current[position++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      while (length > 0) {
        if (position == current.length) {
          nextChunk();
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(bytes, offset, current, position, n);
        position += n;
        offset += n;
        length -= n;
      }
    }

    /** Writes all of {@code bytes}. */
    @Override
    public void write(byte[] bytes) {
      write(bytes, 0, bytes.length);
    }

    /**
     * Writes {@code data} as padded base64 text ({@link Base64Text#encode}), straight into the chunks: a writer of
     * binary records need not copy each value's text through a buffer of its own.
     */
    public void writeBase64(byte[] data) {
      int in = 0;
      while (in < data.length) {
        if (position == current.length) {
          nextChunk();
        }
        int groups = Math.min((current.length - position) / 4, (data.length - in + 2) / 3);
        if (groups == 0) {
          // Fewer than 4 bytes left in this chunk: one group through a scratch array, across the chunk's end.
          byte[] group = new byte[4];
          int end = Math.min(in + 3, data.length);
          Base64Text.encode(data, in, end, group, 0);
          write(group, 0, 4);
          in = end;
        } else {
          int end = Math.min(in + groups * 3, data.length);
          position = Base64Text.encode(data, in, end, current, position);
          in = end;
        }
      }
    }

    /** Writes {@code value} in decimal ASCII digits, with a leading {@code -} when negative. */
    public void writeDecimal(long value) {
      if (value < 0) {
        if (value == Long.MIN_VALUE) {
          write(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
          return;
        }
        write('-');
        value = -value;
      }
      int digits = 1;
      for (long rest = value / 10; rest > 0; rest /= 10) {
        digits++;
      }
      if (current.length - position < digits) {
        write(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
        return;
      }
      int at = position + digits;
      position = at;
      do {
        current[--at] = (byte) ('0' + value % 10);
        value /= 10;
      } while (value > 0);
    }

    /** Cuts the content back to its first {@code length} bytes. */
    public void truncate(int length) {
      if (length < 0 || length > size()) {
        throw new IllegalArgumentException("cannot truncate " + size() + " bytes to " + length);
      }
      while (length < before) {
        chunks.remove(chunks.size() - 1);
        current = chunks.get(chunks.size() - 1);
        before -= current.length;
      }
      position = length - before;
    }

    /** {@return the body as written so far}; write nothing more afterwards */
    public RecordsBody build() {
      return new RecordsBody(List.copyOf(chunks), position, size());
    }

    private void nextChunk() {
      before += current.length;
      current = new byte[Math.min(current.length * 2, MAX_CHUNK)];
      chunks.add(current);
      position = 0;
    }
  }
}
