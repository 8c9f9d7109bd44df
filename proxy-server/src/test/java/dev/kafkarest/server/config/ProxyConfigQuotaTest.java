package dev.kafkarest.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.quota.QuotaRate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The quota keys are part of the proxy's settings (see {@code server.quota}). */
class ProxyConfigQuotaTest {

  @Test
  void of_quotaKeysAndPrincipalOverrides_areReadIntoTheTypedView() {
    ProxyConfig config = ProxyConfig.of(Map.of(
        "quota.produce.requests.per.second", "10",
        "quota.principal.etl.job.produce.bytes.per.second", "5000"));

    assertEquals(new QuotaRate(10, 0), config.quota().defaults().produce());
    assertEquals(new QuotaRate(10, 5000), config.quota().overrides().get("etl.job").produce());
  }

  @Test
  void of_noQuotaKeys_limitsNothing() {
    assertTrue(ProxyConfig.of(Map.of()).quota().limitsNothing());
  }

  @Test
  void of_malformedPrincipalKey_isRefusedNamingIt() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> ProxyConfig.of(Map.of("quota.principal.alice.produce.records.per.second", "1")));

    assertTrue(e.getMessage().startsWith("Invalid setting: quota.principal.alice.produce.records.per.second: "),
        e.getMessage());
  }

  @Test
  void of_negativeLimit_isRefusedNamingIt() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> ProxyConfig.of(Map.of("quota.consume.bytes.per.second", "-1")));

    assertTrue(e.getMessage().contains("quota.consume.bytes.per.second"), e.getMessage());
  }

  @Test
  void load_principalOverrideFromEnvironment_mapsNameCharacters() {
    ProxyConfig config = ProxyConfig.load(null, Map.of(
        "KAFKA_REST_QUOTA_PRINCIPAL_ETL___JOB_CONSUME_REQUESTS_PER_SECOND", "3"));

    assertEquals(new QuotaRate(3, 0), config.quota().overrides().get("etl-job").consume());
  }
}
