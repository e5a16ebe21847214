package uk.jtai.response.tasks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import uk.jtai.response.process.Standing;

/**
 * Whose open tasks are, for the pollers that write about them (the daily digest, reminders): each task's
 * {@code agency} variable and candidate groups, read in one engine command for any number of tasks. A task
 * completed since the caller listed it is simply not in the answer. Read task by task through TaskService,
 * each read was a command of its own that failed ("task doesn't exist", logged as an error by the engine)
 * when a partner completed the task in between, and failed the caller's transaction with it.
 */
@Component
public class OpenTaskOwners {

  /**
   * A task's {@code agency} variable (null if it has none, it is not text, or it was not asked for) and its candidate
   * groups.
   */
  public record Owner(String agency, List<String> candidateGroups) {}

  private final ProcessEngine engine;

  public OpenTaskOwners(@Lazy ProcessEngine engine) {
    this.engine = engine;
  }

  /** The owners of those of {@code taskIds} still open, by task id, in the order given. */
  public Map<String, Owner> of(Collection<String> taskIds) {
    return read(taskIds, true);
  }

  /**
   * The owner of one task if it is still open, its agency variable read only if {@code withAgency}: the variable
   * is looked for scope by scope up from the task, several statements, which a caller that stored it need not pay.
   */
  public Optional<Owner> of(String taskId, boolean withAgency) {
    return Optional.ofNullable(read(List.of(taskId), withAgency).get(taskId));
  }

  private Map<String, Owner> read(Collection<String> taskIds, boolean withAgency) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> context.runWithoutAuthorization(() -> {
          Map<String, Owner> owners = new LinkedHashMap<>();
          for (String id : taskIds) {
            TaskEntity task = context.getTaskManager().findTaskById(id);
            if (task != null) {
              owners.put(id, new Owner(withAgency && task.getVariable(Standing.AGENCY.name()) instanceof String agency ? agency : null,
                  task.getIdentityLinks().stream()
                      .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                      .map(IdentityLinkEntity::getGroupId).toList()));
            }
          }
          return owners;
        }));
  }
}
