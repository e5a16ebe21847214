package uk.jtai.response;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dependencies run one way: features (one package per process area, named like its model) use the shared
 * kernel, the kernel uses no feature, and only the application's root package (the composition root:
 * the engine's configuration) sees everything. Seconds, no engine.
 */
@AnalyzeClasses(packages = "uk.jtai.response", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** The shared kernel: what every feature may use. */
  static final String[] KERNEL = {"uk.jtai.response.process..", "uk.jtai.response.calendar..",
      "uk.jtai.response.partnership..", "uk.jtai.response.notify..", "uk.jtai.response.tasks..",
      "uk.jtai.response.security..", "uk.jtai.response.web..", "uk.jtai.response.store.."};

  @ArchTest
  static final ArchRule noPackageCycles = slices().matching("uk.jtai.response.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule theKernelUsesNoFeature = noClasses().that().resideInAnyPackage(KERNEL)
      .should().dependOnClassesThat(resideInAPackage("uk.jtai.response..").and(not(resideInAnyPackage(KERNEL))))
      .because("features use the kernel, never the other way round");

  @ArchTest
  static final ArchRule onlyTheRootSeesTheRoot = noClasses().that().resideOutsideOfPackage("uk.jtai.response")
      .should().dependOnClassesThat().resideInAPackage("uk.jtai.response")
      .because("the root package is the composition root");

  @ArchTest
  static final ArchRule controllersLiveWithTheirFeature = classes().that().areAnnotatedWith(RestController.class)
      .should().resideOutsideOfPackages(KERNEL);
}
