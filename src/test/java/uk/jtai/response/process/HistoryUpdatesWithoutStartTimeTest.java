package uk.jtai.response.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * History updates that do not end an instance are written without reading its start time; those that end it take
 * the start time this node wrote, or read it as Camunda does when another node started the instance; the durations
 * are as Camunda writes them. Plain engines on one in-memory database, their statements counted.
 */
class HistoryUpdatesWithoutStartTimeTest {

  private static final Date CREATED = Date.from(java.time.Instant.parse("2027-05-24T09:00:00Z"));

  private final String database = "jdbc:h2:mem:history-updates-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private final List<ProcessEngine> engines = new ArrayList<>();
  private final List<String> statements = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    ClockUtil.reset();
    engines.forEach(ProcessEngine::close);
  }

  @Test
  void aClaimAndACompletionOnTheNodeThatStartedTheTaskReadNoStartTimeAndTheDurationsAreRight() {
    ClockUtil.setCurrentTime(CREATED);
    ProcessEngine engine = engine();
    Task task = startedTask(engine);

    ClockUtil.setCurrentTime(new Date(CREATED.getTime() + 60_000));
    statements.clear();
    engine.getTaskService().claim(task.getId(), "police.lead");
    assertThat(statements).as("no start time read for the claim's history updates").noneMatch(HistoryUpdatesWithoutStartTimeTest::readsStart);
    HistoryService history = engine.getHistoryService();
    assertThat(history.createHistoricTaskInstanceQuery().singleResult().getAssignee()).isEqualTo("police.lead");
    HistoricActivityInstance activity = history.createHistoricActivityInstanceQuery().activityId("Task_Decide").singleResult();
    assertThat(activity.getAssignee()).as("the activity's history updated too").isEqualTo("police.lead");

    ClockUtil.setCurrentTime(new Date(CREATED.getTime() + 3_600_000));
    statements.clear();
    engine.getTaskService().complete(task.getId());
    assertThat(statements).as("the start times this node wrote").noneMatch(HistoryUpdatesWithoutStartTimeTest::readsStart);
    durationsAreAnHour(history);
  }

  @Test
  void aTaskStartedOnAnotherNodeIsCompletedWithTheStartTimesReadAsCamundaReadsThem() {
    ClockUtil.setCurrentTime(CREATED);
    Task task = startedTask(engine());
    ProcessEngine other = engine();

    ClockUtil.setCurrentTime(new Date(CREATED.getTime() + 3_600_000));
    statements.clear();
    other.getTaskService().complete(task.getId());
    assertThat(statements).as("not written by this node: read").anyMatch(HistoryUpdatesWithoutStartTimeTest::readsStart);
    durationsAreAnHour(other.getHistoryService());
  }

  private static boolean readsStart(String sql) {
    return sql.contains("START_TIME_ from");
  }

  private static void durationsAreAnHour(HistoryService history) {
    HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().singleResult();
    assertThat(done.getStartTime()).isEqualTo(CREATED);
    assertThat(done.getDurationInMillis()).isEqualTo(3_600_000L);
    HistoricActivityInstance activity = history.createHistoricActivityInstanceQuery().activityId("Task_Decide").singleResult();
    assertThat(activity.getStartTime()).isEqualTo(CREATED);
    assertThat(activity.getDurationInMillis()).isEqualTo(3_600_000L);
    assertThat(history.createHistoricProcessInstanceQuery().singleResult().getDurationInMillis()).isEqualTo(3_600_000L);
  }

  private static Task startedTask(ProcessEngine engine) {
    engine.getRepositoryService().createDeployment().addModelInstance("decide.bpmn",
        Bpmn.createExecutableProcess("decide").camundaHistoryTimeToLive(1).startEvent()
            .userTask("Task_Decide").camundaCandidateGroups("police").endEvent().done()).deploy();
    engine.getRuntimeService().startProcessInstanceByKey("decide");
    return engine.getTaskService().createTaskQuery().singleResult();
  }

  /** A node: an engine of its own (its own handler) on the test's database. */
  private ProcessEngine engine() {
    DataSource data = new DriverManagerDataSource(database, "sa", "");
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneInMemProcessEngineConfiguration()
        // Not "default": engines register by name, and closing this one must not take the application's off the register.
        .setProcessEngineName("history-updates-" + UUID.randomUUID())
        .setDataSource(ProxyDataSourceBuilder.create(data)
            .afterQuery((execution, queries) -> queries.forEach(query -> statements.add(query.getQuery()))).build())
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setJobExecutorActivate(false);
    configuration.setHistoryEventHandler(new HistoryUpdatesWithoutStartTime());
    ProcessEngine engine = configuration.buildProcessEngine();
    engines.add(engine);
    return engine;
  }
}
