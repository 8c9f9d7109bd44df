package dev.kafkarest.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SequenceCheckTest {
  private static void add(SequenceCheck check, byte[] value) {
    check.record(value, value.length);
  }

  @Test
  void record_eachSequenceOnce_countsThemAndNothingElse() {
    SequenceCheck check = new SequenceCheck(3);
    add(check, Payloads.sequencedValue(2));
    add(check, Payloads.sequencedValue(0));
    add(check, Payloads.sequencedValue(1));

    assertEquals(3, check.records());
    assertEquals(0, check.bad());
    assertEquals(0, check.duplicates());
    assertEquals(0, check.missing());
  }

  @Test
  void record_repeatsForeignValuesAndGaps_countedApart() {
    SequenceCheck check = new SequenceCheck(4);
    add(check, Payloads.sequencedValue(0));
    add(check, Payloads.sequencedValue(0));
    add(check, Payloads.sequencedValue(7));
    add(check, new byte[] {1, 2, 3});
    check.record(new byte[0], -1);

    assertEquals(5, check.records());
    assertEquals(1, check.duplicates());
    assertEquals(3, check.bad(), "beyond the total, not a sequenced value, and a null value");
    assertEquals(3, check.missing());
  }
}
