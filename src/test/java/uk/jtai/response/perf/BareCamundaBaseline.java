package uk.jtai.response.perf;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import uk.jtai.response.support.PostgresDatabase;

/**
 * The baseline: a plain Camunda engine (no Spring, no plugins, authorization off, as Camunda ships) on its
 * own fresh PostgreSQL database, with what the product sets that bears on speed set the same: full
 * history, the job executor on, a HikariCP pool of Spring Boot's default size (10). One process with a
 * single user task; each of N instances is started, its task found by a query and completed, from
 * {@code threads} threads at once.
 */
final class BareCamundaBaseline {

  record Result(int instances, int threads, long startupMillis, long wallMillis, double tasksPerSecond,
                StatementCounter.Counts sql) {}

  private BareCamundaBaseline() {}

  static BpmnModelInstance oneUserTask() {
    return Bpmn.createExecutableProcess("baseline")
        .camundaHistoryTimeToLive(180)
        .startEvent()
        .userTask("Task_Work").name("Work").camundaCandidateGroups("workers")
        .endEvent()
        .done();
  }

  static Result run(PostgresDatabase database, int instances, int threads) throws Exception {
    StatementCounter counter = new StatementCounter();
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(database.url());
    pool.setUsername(database.user());
    pool.setPassword(database.password());
    pool.setMaximumPoolSize(10);
    long startupBegan = System.nanoTime();
    try (HikariDataSource dataSource = new HikariDataSource(pool)) {
      ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
          ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration();
      configuration.setProcessEngineName("baseline");
      configuration.setDataSource(counter.wrap(dataSource));
      configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
      configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
      configuration.setJobExecutorActivate(true);
      ProcessEngine engine = configuration.buildProcessEngine();
      try {
        engine.getRepositoryService().createDeployment().addModelInstance("baseline.bpmn", oneUserTask()).deploy();
        long startupMillis = (System.nanoTime() - startupBegan) / 1_000_000;

        StatementCounter.Counts before = counter.now();
        AtomicInteger next = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        long began = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          done.add(workers.submit(() -> {
            for (int i = next.getAndIncrement(); i < instances; i = next.getAndIncrement()) {
              ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("baseline", "BASELINE-" + i);
              Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
              engine.getTaskService().complete(task.getId());
            }
            return null;
          }));
        }
        for (Future<?> worker : done) {
          worker.get();
        }
        long wallMillis = (System.nanoTime() - began) / 1_000_000;
        workers.shutdown();
        StatementCounter.Counts sql = counter.now().minus(before);
        long finished = engine.getHistoryService().createHistoricTaskInstanceQuery().finished().count();
        if (finished != instances) {
          throw new IllegalStateException("baseline completed " + finished + " tasks, expected " + instances);
        }
        return new Result(instances, threads, startupMillis, wallMillis, instances * 1000.0 / wallMillis, sql);
      } finally {
        engine.close();
      }
    }
  }
}
