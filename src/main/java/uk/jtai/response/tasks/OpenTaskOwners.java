package uk.jtai.response.tasks;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
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
   * The nearest variable of a name to each task, as {@code getVariable} finds it: the task's own, else its
   * execution's, else each parent's up to the process instance (the depth says which). One statement for any number
   * of tasks, where the engine loads the variables of each scope on the way up, task by task (the daily digest of
   * 150 inspections: 2.5 statements per user task of the whole run).
   */
  private static final String NEAREST_VARIABLE = """
      with recursive scope_up (task_id, execution_id, depth) as (
        select t.ID_, t.EXECUTION_ID_, 1 from ACT_RU_TASK t where t.ID_ in (:tasks)
        union all
        select s.task_id, e.PARENT_ID_, s.depth + 1 from scope_up s join ACT_RU_EXECUTION e on e.ID_ = s.execution_id
        where e.PARENT_ID_ is not null)
      select s.task_id, s.depth, v.TYPE_, v.TEXT_ from scope_up s
        join ACT_RU_VARIABLE v on v.EXECUTION_ID_ = s.execution_id and v.TASK_ID_ is null and v.NAME_ = :name
      union all
      select v.TASK_ID_, 0, v.TYPE_, v.TEXT_ from ACT_RU_VARIABLE v where v.TASK_ID_ in (:tasks) and v.NAME_ = :name
      order by 1, 2
      """;

  /**
   * A task's {@code agency} variable (null if it has none, it is not text, or it was not asked for) and its candidate
   * groups.
   */
  public record Owner(String agency, List<String> candidateGroups) {}

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

  /** Each task's nearest variable {@code name}, if it is text (a task without one, or with another type: absent). */
  private Map<String, String> nearestText(Collection<String> taskIds, String name) {
    Set<String> found = new HashSet<>();
    Map<String, String> values = new HashMap<>();
    // Nearest first: the first row of each task is the variable getVariable would find.
    jdbc.sql(NEAREST_VARIABLE).param("tasks", taskIds).param("name", name).query(row -> {
      if (found.add(row.getString(1)) && ValueType.STRING.getName().equals(row.getString(3))) {
        values.put(row.getString(1), row.getString(4));
      }
    });
    return values;
  }
}
