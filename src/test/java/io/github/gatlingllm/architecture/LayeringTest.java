package io.github.gatlingllm.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.github.gatlingllm.architecture.fixture.CoreClassUsingTheSuite;
import org.junit.jupiter.api.Test;

/**
 * The layering of the main code: the plugin core (what a user's own simulation needs) depends on nothing in the
 * ready-made suite nor on the mock server; no main class outside the mock uses the mock (the ready simulations and the
 * tests, in {@code src/test}, start it); the mock depends on nothing in the suite. Read in the compiled classes, so a
 * fully qualified use without an import counts too.
 */
class LayeringTest {
  static final String ROOT = "io.github.gatlingllm";
  /** The suite: settings from properties, conversation schedules, the reports of one ready simulation each. */
  static final String SUITE = ROOT + ".suite..";
  static final String MOCK = ROOT + ".mock..";
  /** The plugin core, package by package (a new main package must be placed in one layer: see the last test). */
  static final String[] CORE = {
    ROOT, ROOT + ".api..", ROOT + ".client..", ROOT + ".action..", ROOT + ".protocol..", ROOT + ".metrics..",
    ROOT + ".javaapi..", ROOT + ".report..", ROOT + ".servermetrics..", ROOT + ".dataset..", ROOT + ".capacity..",
    ROOT + ".health.."
  };

  private static final JavaClasses MAIN =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

  /** The rule for classes in {@code corePackages}: no dependency on the suite or the mock. */
  static ArchRule coreStaysApartFromTheSuite(String... corePackages) {
    return noClasses()
        .that()
        .resideInAnyPackage(corePackages)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(SUITE, MOCK)
        .because("the plugin core must run a user's own simulation without the ready-made suite or the mock server");
  }

  @Test
  void theCoreUsesNeitherTheSuiteNorTheMock() {
    coreStaysApartFromTheSuite(CORE).check(MAIN);
  }

  @Test
  void noMainClassOutsideTheMockUsesIt() {
    noClasses()
        .that()
        .resideOutsideOfPackage(MOCK)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(MOCK)
        .because("only the ready simulations and the tests (src/test) start the mock server")
        .check(MAIN);
  }

  @Test
  void theMockUsesNothingOfTheSuite() {
    noClasses()
        .that()
        .resideInAPackage(MOCK)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(SUITE)
        .because("the mock server is a package of its own, started by the suite and the tests")
        .check(MAIN);
  }

  @Test
  void everyMainPackageIsInALayer() {
    String[] known = new String[CORE.length + 2];
    System.arraycopy(CORE, 0, known, 0, CORE.length);
    known[CORE.length] = SUITE;
    known[CORE.length + 1] = MOCK;
    classes().should().resideInAnyPackage(known).check(MAIN);
  }

  @Test
  void theRuleFailsWhenACoreClassUsesASuiteClass() {
    // The fixture sits in a test package that this check treats as core, and uses a suite settings class.
    JavaClasses fixture = new ClassFileImporter().importClasses(CoreClassUsingTheSuite.class);
    AssertionError failure =
        assertThrows(
            AssertionError.class,
            () -> coreStaysApartFromTheSuite(CoreClassUsingTheSuite.class.getPackageName()).check(fixture));
    assertTrue(failure.getMessage().contains("CommonSettings"), failure.getMessage());
  }
}
