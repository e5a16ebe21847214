package uk.jtai.response.perf;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
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
import org.camunda.bpm.model.bpmn.builder.UserTaskBuilder;
import uk.jtai.response.support.PostgresDatabase;

/**
 * The baseline: a plain Camunda engine (no Spring, no plugins, authorization off, as Camunda ships) on its
 * own fresh PostgreSQL database, with what the product sets that bears on speed set the same: full
 * history, the job executor on, a HikariCP pool of Spring Boot's default size (10). One process with a
 * single user task; each of N instances is started, its task found by a query and completed, from
 * {@code threads} threads at once.
 *
 * <p>Two more {@link Variant}s say how much of the gap is what the brief asks of every task rather than the
 * product's own design, each still one user task and nothing of the product: Camunda's authorization on as it
 * ships (the task offered to a candidate group, which Camunda grants the task to; the task found and completed
 * as a member of that group), and, on top, the deadline every task of the product has: a due date and a
 * non-interrupting timer on the task (a job created with the task and deleted with it).
 */
final class BareCamundaBaseline {

  /** What the one user task carries. */
  enum Variant {
    AS_SHIPPED("bare Camunda"),
    AUTHORIZATION("bare Camunda, authorization on"),
    AUTHORIZATION_AND_DEADLINE("bare Camunda, authorization on, a deadline timer");

    final String label;

    Variant(String label) {
      this.label = label;
    }
  }

  record Result(Variant variant, int instances, int threads, long startupMillis, long wallMillis, double tasksPerSecond,
                StatementCounter.Counts sql) {}

  private static final String GROUP = "workers";
  private static final String USER = "worker";

  private BareCamundaBaseline() {}

  static BpmnModelInstance oneUserTask() {
    return oneUserTask(Variant.AS_SHIPPED);
  }

  static BpmnModelInstance oneUserTask(Variant variant) {
    UserTaskBuilder task = Bpmn.createExecutableProcess("baseline")
        .camundaHistoryTimeToLive(180)
        .startEvent()
        .userTask("Task_Work").name("Work").camundaCandidateGroups(GROUP);
    if (variant != Variant.AUTHORIZATION_AND_DEADLINE) {
      return task.endEvent().done();
    }
    return task.camundaDueDate("${dueDate}")
        .boundaryEvent("Timer_Deadline").cancelActivity(false).timerWithDate("${dueDate}")
        .endEvent("End_Escalated")
        .moveToActivity("Task_Work").endEvent()
        .done();
  }

  static Result run(PostgresDatabase database, int instances, int threads) throws Exception {
    return run(database, instances, threads, Variant.AS_SHIPPED);
  }

  static Result run(PostgresDatabase database, int instances, int threads, Variant variant) throws Exception {
    boolean authorization = variant != Variant.AS_SHIPPED;
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
      configuration.setProcessEngineName("baseline-" + variant.name().toLowerCase(java.util.Locale.ROOT));
      configuration.setDataSource(counter.wrap(dataSource));
      configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
      configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
      configuration.setJobExecutorActivate(true);
      // As the product: the candidate group is granted work on the task (Camunda's own authorization provider).
      configuration.setAuthorizationEnabled(authorization);
      configuration.setDefaultUserPermissionNameForTask("TASK_WORK");
      ProcessEngine engine = configuration.buildProcessEngine();
      try {
        engine.getRepositoryService().createDeployment().addModelInstance("baseline.bpmn", oneUserTask(variant)).deploy();
        // No one is signed in here, so Camunda checks nothing while the user and group are made.
        engine.getIdentityService().saveGroup(engine.getIdentityService().newGroup(GROUP));
        engine.getIdentityService().saveUser(engine.getIdentityService().newUser(USER));
        engine.getIdentityService().createMembership(USER, GROUP);
        Map<String, Object> variables = variant == Variant.AUTHORIZATION_AND_DEADLINE
            ? Map.of("dueDate", Date.from(Instant.now().plus(Duration.ofDays(10)))) : Map.of();
        long startupMillis = (System.nanoTime() - startupBegan) / 1_000_000;

        StatementCounter.Counts before = counter.now();
        AtomicInteger next = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        long began = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          done.add(workers.submit(() -> {
            for (int i = next.getAndIncrement(); i < instances; i = next.getAndIncrement()) {
              ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("baseline", "BASELINE-" + i,
                  variables);
              if (authorization) {
                engine.getIdentityService().setAuthentication(USER, List.of(GROUP));
              }
              try {
                Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
                if (task == null) {
                  throw new IllegalStateException(USER + " cannot see the task of " + instance.getId());
                }
                engine.getTaskService().complete(task.getId());
              } finally {
                engine.getIdentityService().clearAuthentication();
              }
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
        long timers = engine.getHistoryService().createHistoricJobLogQuery().creationLog().count();
        long expectedTimers = variant == Variant.AUTHORIZATION_AND_DEADLINE ? instances : 0;
        if (timers != expectedTimers || engine.getManagementService().createJobQuery().count() != 0) {
          throw new IllegalStateException("baseline created " + timers + " timers, expected " + expectedTimers
              + ", and left " + engine.getManagementService().createJobQuery().count());
        }
        return new Result(variant, instances, threads, startupMillis, wallMillis, instances * 1000.0 / wallMillis, sql);
      } finally {
        engine.close();
      }
    }
  }
}
