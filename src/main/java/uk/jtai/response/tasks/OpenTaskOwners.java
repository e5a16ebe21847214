package uk.jtai.response.tasks;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.jtai.response.process.Standing;

/**
 * Whose open tasks are, for the pollers that write about them (the daily digest, reminders): each task's
 * {@code agency} variable and candidate groups, for any number of tasks at once. A task completed since the caller
 * listed it is simply not in the answer. Read task by task through TaskService, each read was a command of its own
 * that failed ("task doesn't exist", logged as an error by the engine) when a partner completed the task in
 * between, and failed the caller's transaction with it.
 */
@Component
public class OpenTaskOwners {

  /**
   * Each task's executions, from its own up to its process instance, nearest first: one statement for any number of
   * tasks. Each step up is a look-up by key, written as a subquery so that the database cannot choose instead to read
   * every execution and join (it did, 30 to 60 ms a batch at 150 inspections; pg_stat_statements, issue 19).
   */
  private static final String SCOPES_UP = """
      with recursive scope_up (task_id, execution_id, depth) as (
        select t.ID_, t.EXECUTION_ID_, 1 from ACT_RU_TASK t where t.ID_ in (:tasks)
        union all
        select s.task_id, (select e.PARENT_ID_ from ACT_RU_EXECUTION e where e.ID_ = s.execution_id), s.depth + 1
        from scope_up s where s.execution_id is not null)
      select task_id, execution_id from scope_up where execution_id is not null order by task_id, depth
      """;

  /**
   * A variable of a name in each of some scopes (a task's own variable has the task as its scope), each a look-up by
   * the key Camunda keeps unique (scope and name). Asked once for the scopes the tasks share (an inspection's tasks
   * share their process instance and most of the scopes between), where asking scope by scope for each task read
   * each shared scope once per task, three times over (the daily digest: 84 ms a statement at 150 inspections).
   */
  private static final String VARIABLE_IN_SCOPES = """
      select VAR_SCOPE_, TYPE_, TEXT_ from ACT_RU_VARIABLE where NAME_ = :name and VAR_SCOPE_ in (:scopes)
      """;

  /**
   * A task's {@code agency} variable (null if it has none, it is not text, or it was not asked for) and its candidate
   * groups.
   */
  public record Owner(String agency, List<String> candidateGroups) {}

  /**
   * An open task as a poller writes about it: its name, assignee and due date, its candidate groups (sorted: SQL
   * gives the links in no order) and its nearest {@code agency} variable (null if none, or not text).
   */
  public record OpenTask(String id, String name, String assignee, Instant due, List<String> candidateGroups,
                         String agency) {

    public Owner owner() {
      return new Owner(agency, candidateGroups);
    }
  }

  /** Each asked-for open task with its candidate groups, a row per group (one row with none for a task with none). */
  private static final String TASKS_AND_GROUPS = """
      select t.ID_, t.NAME_, t.ASSIGNEE_, t.DUE_DATE_, l.GROUP_ID_ from ACT_RU_TASK t
        left join ACT_RU_IDENTITYLINK l on l.TASK_ID_ = t.ID_ and l.TYPE_ = :candidate and l.GROUP_ID_ is not null
      where t.ID_ in (:tasks)
      """;

  private final ProcessEngine engine;
  private final JdbcClient jdbc;

  public OpenTaskOwners(@Lazy ProcessEngine engine, JdbcClient jdbc) {
    this.engine = engine;
    this.jdbc = jdbc;
  }

  /** The owners of those of {@code taskIds} still open, by task id, in the order given. */
  public Map<String, Owner> of(Collection<String> taskIds) {
    return read(taskIds, true);
  }

  /**
   * The owner of one task if it is still open, its agency variable read only if {@code withAgency}: a caller that
   * stored it need not pay for the read.
   */
  public Optional<Owner> of(String taskId, boolean withAgency) {
    return Optional.ofNullable(read(List.of(taskId), withAgency).get(taskId));
  }

  /**
   * Those of {@code taskIds} still open, by id, as a poller needs them: three statements for any number of tasks (the
   * tasks with their groups, then their scopes and agencies), where reading them through the engine is two a task
   * (issue 19: the reminder sender). Read-only, on the engine's runtime tables, outside any engine command: a task that ends
   * meanwhile is either in the answer as it was or absent, as with {@link #of(Collection)}.
   */
  public Map<String, OpenTask> open(Collection<String> taskIds) {
    return open(taskIds, taskIds);
  }

  /**
   * As {@link #open(Collection)}, the agency variable read only for those of {@code agencyOf} (the others' agency is
   * null): a caller that stored most tasks' agencies (the reminders) asks only for the rest, and for none, the
   * statement up the scopes is not run at all.
   */
  public Map<String, OpenTask> open(Collection<String> taskIds, Collection<String> agencyOf) {
    if (taskIds.isEmpty()) {
      return Map.of();
    }
    Map<String, OpenTask> tasks = new LinkedHashMap<>();
    Map<String, List<String>> groups = new HashMap<>();
    jdbc.sql(TASKS_AND_GROUPS).param("candidate", IdentityLinkType.CANDIDATE).param("tasks", taskIds).query(row -> {
      String id = row.getString(1);
      Timestamp due = row.getTimestamp(4);
      tasks.putIfAbsent(id, new OpenTask(id, row.getString(2), row.getString(3), due == null ? null : due.toInstant(),
          List.of(), null));
      List<String> own = groups.computeIfAbsent(id, task -> new ArrayList<>());
      if (row.getString(5) != null) {
        own.add(row.getString(5));
      }
    });
    if (tasks.isEmpty()) {
      return Map.of();
    }
    Set<String> withAgency = new HashSet<>(agencyOf);
    withAgency.retainAll(tasks.keySet());
    Map<String, String> agencies = withAgency.isEmpty() ? Map.of() : nearestText(withAgency, Standing.AGENCY.name());
    Map<String, OpenTask> open = new LinkedHashMap<>();
    for (String id : taskIds) {
      OpenTask task = tasks.get(id);
      if (task != null) {
        open.put(id, new OpenTask(id, task.name(), task.assignee(), task.due(),
            groups.get(id).stream().sorted().distinct().toList(), agencies.get(id)));
      }
    }
    return open;
  }

  private Map<String, Owner> read(Collection<String> taskIds, boolean withAgency) {
    if (taskIds.isEmpty()) {
      return Map.of();
    }
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> context.runWithoutAuthorization(() -> {
          Map<String, String> agencies = withAgency ? nearestText(taskIds, Standing.AGENCY.name()) : Map.of();
          Map<String, Owner> owners = new LinkedHashMap<>();
          for (String id : taskIds) {
            TaskEntity task = context.getTaskManager().findTaskById(id);
            if (task != null) {
              owners.put(id, new Owner(agencies.get(id), task.getIdentityLinks().stream()
                  .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                  .map(IdentityLinkEntity::getGroupId).toList()));
            }
          }
          return owners;
        }));
  }

  /**
   * Each task's nearest variable {@code name}, as {@code getVariable} finds it (the task's own, else its execution's,
   * else each parent's up to the process instance), if it is text: a task without one, or with another type, is
   * absent. Two statements for any number of tasks.
   */
  private Map<String, String> nearestText(Collection<String> taskIds, String name) {
    Map<String, List<String>> chains = new LinkedHashMap<>();
    jdbc.sql(SCOPES_UP).param("tasks", taskIds).query(row -> {
      chains.computeIfAbsent(row.getString(1), task -> new ArrayList<>()).add(row.getString(2));
    });
    Set<String> scopes = new HashSet<>(taskIds);
    chains.values().forEach(scopes::addAll);
    Map<String, String[]> variables = new HashMap<>();
    jdbc.sql(VARIABLE_IN_SCOPES).param("name", name).param("scopes", scopes).query(row -> {
      variables.put(row.getString(1), new String[] {row.getString(2), row.getString(3)});
    });
    Map<String, String> values = new HashMap<>();
    for (String task : taskIds) {
      String[] nearest = variables.get(task);
      for (Iterator<String> up = chains.getOrDefault(task, List.of()).iterator(); nearest == null && up.hasNext(); ) {
        nearest = variables.get(up.next());
      }
      if (nearest != null && ValueType.STRING.getName().equals(nearest[0])) {
        values.put(task, nearest[1]);
      }
    }
    return values;
  }
}
