package dev.kafkarest.bench;

import java.util.BitSet;

/**
 * Checks a drain record for record: every value must be a {@link Payloads#sequencedValue} below {@code total},
 * each seen once. Counts the records, the bad values and the duplicates; what was never seen is {@link
 * #missing}. One per drain, used from one thread.
 */
final class SequenceCheck implements Payloads.RecordSink {
  private final long total;
  private final BitSet seen;
  private long records;
  private long bad;
  private long duplicates;

  SequenceCheck(int total) {
    this.total = total;
    this.seen = new BitSet(total);
  }

  @Override
  public void record(byte[] value, int length) {
    records++;
    long seq = length < 0 ? -1 : Payloads.checkSequencedValue(value, length);
    if (seq < 0 || seq >= total) {
      bad++;
    } else if (seen.get((int) seq)) {
      duplicates++;
    } else {
      seen.set((int) seq);
    }
  }

  long records() {
    return records;
  }

  long bad() {
    return bad;
  }

  long duplicates() {
    return duplicates;
  }

  /** {@return the sequence numbers below {@code total} never seen} */
  long missing() {
    return total - seen.cardinality();
  }
}
