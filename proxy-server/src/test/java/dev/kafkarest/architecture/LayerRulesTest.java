package dev.kafkarest.architecture;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.kafkarest.architecture.fixture.core.CleanCoreService;
import dev.kafkarest.architecture.fixture.core.HttpInCore;
import dev.kafkarest.architecture.fixture.core.KafkaInternalsInCore;
import dev.kafkarest.architecture.fixture.core.ServerInCore;
import dev.kafkarest.architecture.fixture.server.http.CleanSharedHttp;
import dev.kafkarest.architecture.fixture.server.v1.V1Resource;
import dev.kafkarest.architecture.fixture.server.v2.V2Resource;
import dev.kafkarest.architecture.fixture.server.v2.wire.V2Record;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proves the guard itself: each {@link LayerRules} rule, rooted at the fixture package, fails on the one
 * fixture class that breaks it, names that class, and passes on the classes that keep it.
 */
class LayerRulesTest {
  private static final String FIXTURE = "dev.kafkarest.architecture.fixture";
  private static final JavaClasses CLEAN = new ClassFileImporter()
      .importClasses(CleanCoreService.class, CleanSharedHttp.class, V2Resource.class, V2Record.class);

  @Test
  void coreIsFreeOfHttp_coreClassUsingJaxRs_failsNamingIt() {
    String message = violation(LayerRules.coreIsFreeOfHttp(FIXTURE), HttpInCore.class);

    assertTrue(message.contains(HttpInCore.class.getName()) && message.contains("jakarta.ws.rs.core.Response"),
        message);
  }

  @Test
  void coreStandsAlone_coreClassUsingServer_failsNamingIt() {
    String message = violation(LayerRules.coreStandsAlone(FIXTURE), ServerInCore.class);

    assertTrue(message.contains(ServerInCore.class.getName()) && message.contains(CleanSharedHttp.class.getName()),
        message);
  }

  @Test
  void coreUsesPublicKafkaApi_coreClassUsingKafkaInternals_failsNamingIt() {
    String message = violation(LayerRules.coreUsesPublicKafkaApi(FIXTURE), KafkaInternalsInCore.class);

    assertTrue(message.contains(KafkaInternalsInCore.class.getName())
        && message.contains("org.apache.kafka.common.internals.Topic"), message);
  }

  @Test
  void apiVersionsAreIndependent_v1UsingV2SubPackage_failsNamingBoth() {
    String message = violation(LayerRules.apiVersionsAreIndependent(FIXTURE), V1Resource.class);

    assertTrue(message.contains("API v1") && message.contains("API v2"), message);
    assertTrue(message.contains(V1Resource.class.getName()) && message.contains(V2Record.class.getName()), message);
  }

  @Test
  void allRules_classesThatKeepThem_pass() {
    assertAll(LayerRules.all(FIXTURE).stream().map(rule -> () -> assertDoesNotThrow(() -> rule.check(CLEAN),
        rule::getDescription)));
  }

  @Test
  void coreRules_noCoreClassImported_failInsteadOfPassingEmpty() {
    JavaClasses serverOnly = new ClassFileImporter().importClasses(CleanSharedHttp.class, V2Resource.class);
    List<ArchRule> coreRules = List.of(LayerRules.coreIsFreeOfHttp(FIXTURE), LayerRules.coreStandsAlone(FIXTURE),
        LayerRules.coreUsesPublicKafkaApi(FIXTURE));

    assertAll(coreRules.stream().map(rule -> () -> assertThrows(AssertionError.class, () -> rule.check(serverOnly),
        rule::getDescription)));
  }

  /**
   * Checks a rule on the clean classes plus one breaking class, makes sure every violation found starts
   * from the breaking class, and returns the message that fails the build.
   */
  private static String violation(ArchRule rule, Class<?> breaking) {
    JavaClasses classes = new ClassFileImporter().importClasses(CleanCoreService.class, CleanSharedHttp.class,
        V2Resource.class, V2Record.class, breaking);
    List<String> details = rule.evaluate(classes).getFailureReport().getDetails();
    assertFalse(details.isEmpty(), rule::getDescription);
    details.forEach(detail -> assertTrue(detail.contains(breaking.getName()), detail));
    return assertThrows(AssertionError.class, () -> rule.check(classes)).getMessage();
  }
}
