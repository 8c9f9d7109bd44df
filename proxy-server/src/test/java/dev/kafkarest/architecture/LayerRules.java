package dev.kafkarest.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layering rules of the project, for the classes under one root package: {@link #ROOT} for the
 * proxy itself, another root for the fixtures that prove each rule catches a violation.
 *
 * <ul>
 *   <li>{@code core} knows nothing of HTTP: no JAX-RS, Jersey, Grizzly, HK2 or servlet types.
 *   <li>{@code core} depends on no other package of the project ({@code server}, tests, tools).
 *   <li>{@code core} uses Kafka's public client API only, never its internals or wire protocol classes.
 *   <li>No API version ({@code server.v1}, {@code server.v2}, any {@code server.vN}) depends on another;
 *       what versions share lives in {@code server.http} or in {@code core}.
 * </ul>
 *
 * <p>The rules read class files, so a use of another class's compile-time constant, which javac copies
 * into the caller, goes unseen.
 */
final class LayerRules {
  /** The proxy's root package. */
  static final String ROOT = "dev.kafkarest";

  private static final String[] HTTP_PACKAGES = {
      "jakarta.ws.rs..", "javax.ws.rs..", "org.glassfish.jersey..", "org.glassfish.grizzly..",
      "org.glassfish.hk2..", "jakarta.servlet..", "javax.servlet.."};

  private static final String[] KAFKA_INTERNAL_PACKAGES = {
      "org.apache.kafka..internals..", "org.apache.kafka.common.requests..", "org.apache.kafka.common.protocol..",
      "org.apache.kafka.common.message..", "org.apache.kafka.common.network..", "kafka.."};

  private LayerRules() {}

  /** {@return every rule, for the classes under {@code root}} */
  static List<ArchRule> all(String root) {
    return List.of(coreIsFreeOfHttp(root), coreStandsAlone(root), coreUsesPublicKafkaApi(root),
        apiVersionsAreIndependent(root));
  }

  static ArchRule coreIsFreeOfHttp(String root) {
    return noClasses().that().resideInAPackage(core(root))
        .should().dependOnClassesThat().resideInAnyPackage(HTTP_PACKAGES)
        .because("proxy-core is the HTTP-free domain; HTTP belongs to proxy-server (docs/architecture.md)");
  }

  static ArchRule coreStandsAlone(String root) {
    return noClasses().that().resideInAPackage(core(root))
        .should().dependOnClassesThat(resideInAPackage(root + "..").and(not(resideInAPackage(core(root)))))
        .because("dependencies point one way, server -> core; what the core needs from outside it declares"
            + " as an interface in core");
  }

  static ArchRule coreUsesPublicKafkaApi(String root) {
    return noClasses().that().resideInAPackage(core(root))
        .should().dependOnClassesThat().resideInAnyPackage(KAFKA_INTERNAL_PACKAGES)
        .because("Kafka's internals change without notice between client versions; the core uses the"
            + " public client API only");
  }

  static ArchRule apiVersionsAreIndependent(String root) {
    return slices().assignedFrom(new ApiVersions(root))
        .should().notDependOnEachOther()
        .because("each API version can change or be removed alone; shared code lives in server.http or core");
  }

  private static String core(String root) {
    return root + ".core..";
  }

  /** Puts each class of a {@code server.vN} package (and its sub-packages) in the slice {@code vN}. */
  private static final class ApiVersions implements SliceAssignment {
    private final String root;
    private final Pattern version;

    ApiVersions(String root) {
      this.root = root;
      this.version = Pattern.compile(Pattern.quote(root + ".server.") + "(v\\d+)(\\..*)?");
    }

    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      Matcher matcher = version.matcher(javaClass.getPackageName());
      return matcher.matches() ? SliceIdentifier.of("API " + matcher.group(1)) : SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "API versions " + root + ".server.vN";
    }
  }
}
