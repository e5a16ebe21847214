package uk.jtai.response.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * History where someone reads it (issue 19): the steps a token only passes through and the multi-instance counters
 * leave no history, everything else does, as at level {@code full}; with {@code pass-through-steps} (the process tests)
 * the steps keep theirs. A plain engine on an in-memory database, with the model shaped like the product's: a gateway
 * in front of a sub-process per agency, each with a user task.
 */
class HistoryWhereReadTest {

  private ProcessEngine engine;

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void passThroughStepsAndLoopCountersLeaveNoHistoryAndEverythingElseDoes() {
    HistoryService history = run(false);

    assertThat(activityTypes(history)).containsExactlyInAnyOrder("userTask", "userTask", "subProcess", "subProcess",
        "multiInstanceBody");
    assertThat(history.createHistoricActivityInstanceQuery().unfinished().count()).isZero();
    assertThat(variableNames(history)).containsExactlyInAnyOrder("agencies", "agency", "agency", "decision");
    assertThat(history.createHistoricProcessInstanceQuery().completed().singleResult().getEndActivityId()).isEqualTo("End");
    assertThat(history.createHistoricTaskInstanceQuery().finished().count()).isEqualTo(2);
    assertThat(history.createHistoricJobLogQuery().count()).as("the deadlines' timers, created and deleted").isZero();
  }

  @Test
  void aJobThatFailsKeepsItsRowInTheJobLogWithTheError() {
    run(false);
    engine.getRepositoryService().createDeployment().addModelInstance("failing.bpmn",
        Bpmn.createExecutableProcess("failing").camundaHistoryTimeToLive(1).startEvent()
            .serviceTask("Task_Fail").camundaAsyncBefore().camundaExpression("${noSuchBean.run()}").endEvent().done())
        .deploy();
    engine.getRuntimeService().startProcessInstanceByKey("failing");
    String job = engine.getManagementService().createJobQuery().singleResult().getId();

    assertThatThrownBy(() -> engine.getManagementService().executeJob(job)).hasMessageContaining("noSuchBean");

    assertThat(engine.getHistoryService().createHistoricJobLogQuery().creationLog().count()).isZero();
    assertThat(engine.getHistoryService().createHistoricJobLogQuery().failureLog().singleResult().getJobExceptionMessage())
        .contains("noSuchBean");
  }

  @Test
  void withTheRoutineJobLogEveryJobIsLoggedWithTheNodeThatRanIt() {
    HistoryService history = run(false, true);
    engine.getRepositoryService().createDeployment().addModelInstance("passing.bpmn",
        Bpmn.createExecutableProcess("passing").camundaHistoryTimeToLive(1).startEvent()
            .serviceTask("Task_Pass").camundaAsyncBefore().camundaExpression("${true}").endEvent().done())
        .deploy();
    engine.getRuntimeService().startProcessInstanceByKey("passing");
    engine.getManagementService().executeJob(engine.getManagementService().createJobQuery().singleResult().getId());

    assertThat(history.createHistoricJobLogQuery().creationLog().count()).as("the two timers and the continuation")
        .isEqualTo(3);
    assertThat(history.createHistoricJobLogQuery().deletionLog().count()).as("the timers, done in time").isEqualTo(2);
    assertThat(history.createHistoricJobLogQuery().successLog().singleResult().getHostname())
        .isEqualTo(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHostname());
  }

  @Test
  void processTestsKeepThePassThroughStepsButNotTheCounters() {
    HistoryService history = run(true);

    assertThat(activityTypes(history)).containsExactlyInAnyOrder("startEvent", "exclusiveGateway", "multiInstanceBody",
        "subProcess", "subProcess", "startEvent", "startEvent", "userTask", "userTask", "noneEndEvent", "noneEndEvent",
        "exclusiveGateway", "noneEndEvent");
    assertThat(history.createHistoricActivityInstanceQuery().unfinished().count()).isZero();
    assertThat(variableNames(history)).doesNotContain("loopCounter", "nrOfInstances", "nrOfActiveInstances",
        "nrOfCompletedInstances");
  }

  @Test
  void theLevelKeepsTheIdAndNameOfFullSoADatabaseSetUpAtFullStartsUnchanged() {
    run(false);
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();

    assertThat(configuration.getHistoryLevel()).isInstanceOf(HistoryWhereRead.class);
    assertThat(configuration.getHistoryLevel().getId()).isEqualTo(3);
    assertThat(configuration.getHistoryLevel().getName()).isEqualTo(ProcessEngineConfiguration.HISTORY_FULL);
  }

  /** Starts the model for two agencies, checks the runtime counters exist, completes both tasks; the engine's history. */
  private HistoryService run(boolean passThroughSteps) {
    return run(passThroughSteps, false);
  }

  private HistoryService run(boolean passThroughSteps, boolean routineJobLog) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneInMemProcessEngineConfiguration()
        // Not "default": engines register by name, and closing this one must not take the application's off the register.
        .setProcessEngineName("history-where-read-" + UUID.randomUUID())
        .setJdbcUrl("jdbc:h2:mem:history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setJobExecutorActivate(false);
    configuration.setCustomHistoryLevels(List.of(new HistoryWhereRead(passThroughSteps, routineJobLog)));
    configuration.setProcessEnginePlugins(List.of(new SpinProcessEnginePlugin()));
    engine = configuration.buildProcessEngine();
    engine.getRepositoryService().createDeployment().addModelInstance("agencies.bpmn", model()).deploy();

    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("agencies",
        Variables.putValue("agencies", Variables.objectValue(List.of("police", "health"))
            .serializationDataFormat(Variables.SerializationDataFormats.JSON).create()));
    assertThat(engine.getRuntimeService().createVariableInstanceQuery().processInstanceIdIn(instance.getId())
        .variableName("loopCounter").count()).as("the counters are still runtime variables").isEqualTo(2);
    for (Task task : engine.getTaskService().createTaskQuery().list()) {
      engine.getTaskService().complete(task.getId(), Variables.putValue("decision", "agreed"));
    }
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
    return engine.getHistoryService();
  }

  private static List<String> activityTypes(HistoryService history) {
    return history.createHistoricActivityInstanceQuery().list().stream().map(HistoricActivityInstance::getActivityType)
        .collect(Collectors.toList());
  }

  private static List<String> variableNames(HistoryService history) {
    return history.createHistoricVariableInstanceQuery().list().stream().map(HistoricVariableInstance::getName)
        .collect(Collectors.toList());
  }

  private static BpmnModelInstance model() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("agencies").camundaHistoryTimeToLive(1)
        .startEvent("Start")
        .exclusiveGateway("Gateway_Any").condition("some", "${agencies.size() > 0}")
        .subProcess("SubProcess_Agency").embeddedSubProcess().startEvent("Start_Agency")
          .userTask("Task_Decide").camundaCandidateGroups("${agency}")
            .boundaryEvent("Timer_Deadline").timerWithDuration("P1D").endEvent("End_Late").moveToActivity("Task_Decide")
          .endEvent("End_Agency").subProcessDone()
        .exclusiveGateway("Gateway_Join")
        .endEvent("End")
        .moveToNode("Gateway_Any").condition("none", "${agencies.size() == 0}").connectTo("Gateway_Join")
        .done();
    model.<SubProcess>getModelElementById("SubProcess_Agency").builder().multiInstance().parallel()
        .camundaCollection("${agencies}").camundaElementVariable("agency").multiInstanceDone();
    return model;
  }
}
