package uk.jtai.response.tasks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /** A task's {@code agency} variable (null if it has none, or it is not text) and its candidate groups. */
  public record Owner(String agency, List<String> candidateGroups) {}

  private final ProcessEngine engine;

  public OpenTaskOwners(@Lazy ProcessEngine engine) {
    this.engine = engine;
  }

  /** The owners of those of {@code taskIds} still open, by task id, in the order given. */
  public Map<String, Owner> of(Collection<String> taskIds) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> context.runWithoutAuthorization(() -> {
          Map<String, Owner> owners = new LinkedHashMap<>();
          for (String id : taskIds) {
            TaskEntity task = context.getTaskManager().findTaskById(id);
            if (task != null) {
              owners.put(id, new Owner(task.getVariable(Standing.AGENCY.name()) instanceof String agency ? agency : null,
                  task.getIdentityLinks().stream()
                      .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                      .map(IdentityLinkEntity::getGroupId).toList()));
            }
          }
          return owners;
        }));
  }

  /** The owner of one task, if it is still open. */
  public java.util.Optional<Owner> of(String taskId) {
    return java.util.Optional.ofNullable(of(List.of(taskId)).get(taskId));
  }
}
