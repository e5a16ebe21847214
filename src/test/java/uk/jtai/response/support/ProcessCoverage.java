package uk.jtai.response.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.community.process_test_coverage.core.model.Collector;
import org.camunda.community.process_test_coverage.engine.platform7.CompensationEventCoverageHandler;
import org.camunda.community.process_test_coverage.engine.platform7.ElementCoverageParseListener;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * Process-test coverage (camunda-process-test-coverage): the engine records every flow node and sequence
 * flow a test passes, and each process test class ({@code *ProcessTest}, {@code *ModelTest},
 * {@code MoveDeadlineTest}, {@code RehearsalTest}) leaves a report per model under
 * {@code target/process-test-coverage/<test class>/} (HTML to look at, and {@code report.json}). The floor per model is checked over all classes by {@code .ci/process-coverage}
 * (docs/testing.md); other Spring tests share the engine but write no report.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(ProcessEngineCoverageConfiguration.class)
public class ProcessCoverage {

  /** Instead of the library's default properties (every test class). */
  @Bean
  @Primary
  ProcessEngineCoverageProperties processEngineCoverageProperties() {
    return ProcessEngineCoverageProperties.builder()
        .addInclusionPatternForTestClasses("*ProcessTest")
        .addInclusionPatternForTestClasses("*ModelTest")
        // The process tests of move-deadline and rehearsal, named for what they prove.
        .addInclusionPatternForTestClasses("*.MoveDeadlineTest")
        .addInclusionPatternForTestClasses("*.RehearsalTest")
        // The process tests of amend-selection and correct-known-to-agency (issue 16's corrections).
        .addInclusionPatternForTestClasses("*.InspectorsChangeTheirMindTest")
        .addInclusionPatternForTestClasses("*.ReturnCorrectionTest")
        .build();
  }

  /**
   * Until a process test class hands the engine its collector, the coverage listeners drop what they see.
   * Other tests share the engine, and the library's listener otherwise refuses every process step ("Coverage
   * state must be initialized") of any test that runs before the first process test class in its JVM, so a
   * test would pass or fail by the order it runs in.
   */
  @Bean
  SmartInitializingSingleton coverageDroppedOutsideProcessTests(ProcessEngine engine) {
    return () -> {
      Collector dropped = event -> { };
      ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
      if (configuration.getCustomPostBPMNParseListeners() != null) {
        configuration.getCustomPostBPMNParseListeners().stream().filter(ElementCoverageParseListener.class::isInstance)
            .forEach(listener -> ((ElementCoverageParseListener) listener).setCoverageState(dropped));
      }
      if (configuration.getEventHandler("compensate") instanceof CompensationEventCoverageHandler handler) {
        handler.setCoverageState(dropped);
      }
    };
  }
}
