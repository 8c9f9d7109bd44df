package dev.kafkarest.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class InstanceLimitTest {
  @Test
  void derive_descriptorLimitOfTheProbe_lowersTheConfiguredMaximum() {
    // the probe's process: 20,000 descriptors, one listener of 10,000 connections
    InstanceLimit limit = InstanceLimit.derive(10_000, OptionalLong.of(20_000), 10_000);

    assertEquals((20_000 - 256 - 10_000) / 6, limit.effective());
    assertTrue(limit.lowered());
    assertTrue(limit.describe().contains("at most 1624, lowered from consumer.instances.max=10000"),
        limit.describe());
  }

  @Test
  void derive_plentyOfDescriptors_keepsTheConfiguredMaximum() {
    InstanceLimit limit = InstanceLimit.derive(10_000, OptionalLong.of(1_048_576), 20_000);

    assertEquals(10_000, limit.effective());
    assertFalse(limit.lowered());
  }

  @Test
  void derive_connectionsOverHalfTheDescriptors_keepHalfForThem() {
    // 1,024 descriptors and 10,000 connections: 512 for connections, (1,024 - 256 - 512) / 6 instances
    InstanceLimit limit = InstanceLimit.derive(10_000, OptionalLong.of(1_024), 10_000);

    assertEquals(512, limit.connectionDescriptors());
    assertEquals(42, limit.effective());
  }

  @Test
  void derive_tinyDescriptorLimit_stillAllowsOneInstance() {
    assertEquals(1, InstanceLimit.derive(10_000, OptionalLong.of(100), 10).effective());
  }

  @Test
  void derive_unknownDescriptorLimit_keepsTheConfiguredMaximum() {
    InstanceLimit limit = InstanceLimit.derive(500, OptionalLong.empty(), 10_000);

    assertEquals(500, limit.effective());
    assertTrue(limit.describe().contains("not known"), limit.describe());
  }
}
