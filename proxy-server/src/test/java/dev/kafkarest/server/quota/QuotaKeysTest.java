package dev.kafkarest.server.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.quota.QuotaLimits;
import dev.kafkarest.core.quota.QuotaRate;
import dev.kafkarest.core.quota.QuotaSettings;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class QuotaKeysTest {

  @Test
  void settings_none_areTheDefaultsAndLimitNothing() {
    QuotaSettings settings = QuotaKeys.settings(Map.of("bootstrap.servers", "b:9092"));

    assertEquals(QuotaSettings.unlimited(), settings);
    assertTrue(settings.limitsNothing());
  }

  @Test
  void settings_allFixedKeys_areRead() {
    QuotaSettings settings = QuotaKeys.settings(Map.of(
        "quota.produce.requests.per.second", "1",
        "quota.produce.bytes.per.second", "2",
        "quota.consume.requests.per.second", "3",
        "quota.consume.bytes.per.second", "4",
        "quota.produce.bytes.inflight.max", "5",
        "quota.clients.max", "6",
        "quota.idle.timeout.ms", "7000"));

    assertEquals(new QuotaLimits(new QuotaRate(1, 2), new QuotaRate(3, 4)), settings.defaults());
    assertEquals(5, settings.produceBytesInFlightMax());
    assertEquals(6, settings.maxTrackedClients());
    assertEquals(Duration.ofSeconds(7), settings.idleTimeout());
  }

  @Test
  void settings_principalOverride_replacesOnlyTheGivenLimits() {
    QuotaSettings settings = QuotaKeys.settings(Map.of(
        "quota.produce.requests.per.second", "10",
        "quota.consume.bytes.per.second", "1000",
        "quota.principal.alice.produce.requests.per.second", "0",
        "quota.principal.alice.consume.requests.per.second", "7"));

    assertEquals(new QuotaLimits(new QuotaRate(0, 0), new QuotaRate(7, 1000)), settings.overrides().get("alice"));
    assertEquals(new QuotaLimits(new QuotaRate(10, 0), new QuotaRate(0, 1000)), settings.defaults());
  }

  @Test
  void settings_principalNameWithDots_isReadFromTheEnd() {
    QuotaSettings settings = QuotaKeys.settings(Map.of(
        "quota.principal.svc.etl.produce.bytes.per.second", "50",
        "quota.principal.CN=app.example.com,O=Acme.consume.bytes.per.second", "60"));

    assertEquals(new QuotaRate(0, 50), settings.overrides().get("svc.etl").produce());
    assertEquals(new QuotaRate(0, 60), settings.overrides().get("CN=app.example.com,O=Acme").consume());
  }

  @Test
  void settings_principalOverrideOnly_limitsSomething() {
    assertTrue(!QuotaKeys.settings(Map.of("quota.principal.bob.produce.requests.per.second", "1")).limitsNothing());
  }

  @Test
  void settings_principalKeyWithoutName_isRefusedNamingIt() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> QuotaKeys.settings(Map.of("quota.principal.produce.bytes.per.second", "1")));

    assertTrue(e.getMessage().startsWith("quota.principal.produce.bytes.per.second: unknown key"), e.getMessage());
  }

  @Test
  void settings_principalKeyWithUnknownLimit_isRefusedNamingIt() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> QuotaKeys.settings(Map.of("quota.principal.alice.produce.messages.per.second", "1")));

    assertTrue(e.getMessage().startsWith("quota.principal.alice.produce.messages.per.second: unknown key"),
        e.getMessage());
  }

  @Test
  void settings_principalLimitNotANumber_isRefusedNamingIt() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> QuotaKeys.settings(Map.of("quota.principal.alice.produce.bytes.per.second", "lots")));

    assertEquals("quota.principal.alice.produce.bytes.per.second: 'lots' is not a whole number of at least 0.",
        e.getMessage());
  }

  @Test
  void settings_negativeFixedLimit_isRefused() {
    assertThrows(ConfigException.class, () -> QuotaKeys.settings(Map.of("quota.produce.bytes.per.second", "-5")));
  }
}
