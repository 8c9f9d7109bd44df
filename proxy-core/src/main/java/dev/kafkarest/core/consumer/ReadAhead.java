package dev.kafkarest.core.consumer;

import dev.kafkarest.core.format.UndecodableDataException;
import java.util.Iterator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer of an instance's next read, written on the lane while the last answer is being sent: the
 * first {@link #count} records of the {@link FetchBuffer}, in a writer of the {@link ReadShape} the last
 * reads had. A client draining an instance reads again at once with the same shape, and its read then
 * finds its answer written (or started) instead of writing it while the client waits.
 *
 * <p>The records stay in the buffer and are not consumed: the next read takes the writer over only when it
 * has the same shape (it would have written exactly these records first) and then removes them as it would
 * have; any other read, and any change to the buffer's records (seek, assignment, close) drops it.
 *
 * @param <T> the answer its writer builds
 */
@LaneConfined
final class ReadAhead<T> {
  private static final Logger LOG = LoggerFactory.getLogger(ReadAhead.class);

  private final ReadShape<T> shape;
  private final RecordBatchWriter<T> writer;
  /** Whether the answer is complete: it reached max_bytes, or the writer refused a record (left for the read). */
  private boolean full;

  private ReadAhead(ReadShape<T> shape) {
    this.shape = shape;
    this.writer = shape.newWriter();
  }

  /**
   * Writes the buffered records, first to last, into a new writer of {@code shape}, as a read of that shape
   * would take them: until {@code max_bytes}, the end of the buffer, or a record the writer refuses (left for
   * the read to meet). {@return what was written; null when nothing was}
   */
  static <T> @Nullable ReadAhead<T> write(ReadShape<T> shape, Iterator<ConsumerRecord<byte[], byte[]>> buffered) {
    ReadAhead<T> ahead = new ReadAhead<>(shape);
    return ahead.extend(buffered) && ahead.count() > 0 ? ahead : null;
  }

  /**
   * Writes more buffered records into this answer, when it is not complete yet: {@code buffered} must start at
   * the first record after those it holds. {@return false when writing failed, and the answer must be dropped}
   */
  boolean extend(Iterator<ConsumerRecord<byte[], byte[]>> buffered) {
    try {
      while (!full && buffered.hasNext()) {
        ConsumerRecord<byte[], byte[]> record = buffered.next();
        if (!shape.fits(writer, record)) {
          full = true;
          break;
        }
        writer.add(record);
        full = shape.isFull(writer);
      }
    } catch (UndecodableDataException e) {
      // Left in the buffer: the read meets it and answers what comes before it.
      full = true;
    } catch (RuntimeException e) {
      LOG.debug("Writing the next answer ahead failed; the next read writes it: {}", e.toString());
      return false;
    }
    return true;
  }

  /**
   * {@return this answer's writer when a read of {@code other}'s shape would write the same records first,
   *     else null}
   */
  @SuppressWarnings("unchecked")
  <U> @Nullable RecordBatchWriter<U> writerFor(ReadShape<U> other) {
    // Same factory: the writer is the one other would create, so its answer type is U.
    return shape.sameAs(other) ? (RecordBatchWriter<U>) writer : null;
  }

  /** {@return how many of the buffer's first records the writer holds} */
  int count() {
    return writer.count();
  }

  /** {@return whether the answer is complete: it reached the read's max_bytes, or stops at a record it refused} */
  boolean isFull() {
    return full;
  }
}
