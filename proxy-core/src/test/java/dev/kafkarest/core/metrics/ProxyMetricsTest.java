package dev.kafkarest.core.metrics;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ProxyMetricsTest {

  @Test
  void none_everyCall_doesNothingAndIsOneInstance() {
    ProxyMetrics none = ProxyMetrics.none();

    assertDoesNotThrow(() -> {
      none.produced(1, 2, 3);
      none.consumerCreated();
      none.consumerRemoved(ProxyMetrics.Removal.EXPIRED);
      none.consumerRead(4, 5);
    });
    assertSame(none, ProxyMetrics.none());
  }
}
