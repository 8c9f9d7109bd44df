package dev.kafkarest.architecture;

import static dev.kafkarest.architecture.LayerRules.ROOT;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Checks the main classes of proxy-core and proxy-server (both are on this module's test class path)
 * against {@link LayerRules}. A rule that matches no class fails too, so a rule cannot pass by seeing
 * nothing. {@link LayerRulesTest} proves that each rule fails on a violation.
 */
@AnalyzeClasses(packages = ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {

  @ArchTest
  static final ArchRule core_anyClass_usesNoHttpFramework = LayerRules.coreIsFreeOfHttp(ROOT);

  @ArchTest
  static final ArchRule core_anyClass_usesNoOtherProjectPackage = LayerRules.coreStandsAlone(ROOT);

  @ArchTest
  static final ArchRule core_anyClass_usesOnlyPublicKafkaApi = LayerRules.coreUsesPublicKafkaApi(ROOT);

  @ArchTest
  static final ArchRule server_apiVersions_doNotDependOnEachOther = LayerRules.apiVersionsAreIndependent(ROOT);
}
