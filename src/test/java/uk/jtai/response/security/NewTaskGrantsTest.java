package uk.jtai.response.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * A task's groups are granted without asking the database first when the task is created in the same command
 * ({@link OwnTaskHistoryOnly}, issue 19), and still with it afterwards: either way each group holds one grant on
 * the task and one on its history, whatever the order and however often it is offered the task.
 */
class NewTaskGrantsTest extends ProcessTestSupport {

  private String taskId;

  @AfterEach
  void removeTask() {
    if (taskId != null) {
      engine.getTaskService().deleteTask(taskId, true);
    }
  }

  @Test
  void aGroupOfferedANewTaskTwiceInItsCommandAndAgainLaterHoldsOneGrantOnTheTaskAndOneOnItsHistory() {
    taskId = run(context -> {
      TaskEntity task = new TaskEntity();
      task.setName("Grants");
      task.insert();
      task.addCandidateGroup("police");
      task.addCandidateGroup("police");
      return task.getId();
    });
    assertGrantedOnce("police");

    // Later commands: the task is in the database, so its grants are looked up and added to, not duplicated.
    run(context -> {
      TaskEntity task = context.getTaskManager().findTaskById(taskId);
      task.addCandidateGroup("police");
      task.addCandidateGroup("health");
      return null;
    });
    assertGrantedOnce("police");
    assertGrantedOnce("health");
  }

  private void assertGrantedOnce(String group) {
    List<Authorization> onTask = engine.getAuthorizationService().createAuthorizationQuery()
        .resourceType(Resources.TASK).resourceId(taskId).groupIdIn(group).list();
    assertThat(onTask).hasSize(1);
    assertThat(onTask.get(0).isPermissionGranted(Permissions.READ)).isTrue();
    assertThat(engine.getAuthorizationService().createAuthorizationQuery().resourceType(Resources.HISTORIC_TASK)
        .resourceId(taskId).groupIdIn(group).hasPermission(HistoricTaskPermissions.READ).count()).isOne();
  }

  private <T> T run(Command<T> command) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(command);
  }
}
