package uk.jtai.response.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheckBuilder;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * A permission granted in a command is not asked of the database again in that command (a completion asked twice
 * whether the partner may work on the task), but it is asked again for anyone else, and in the next command.
 */
class AuthorizationAskedOncePerCommandTest extends ProcessTestSupport {

  @AfterEach
  void signOut() {
    engine.getIdentityService().clearAuthentication();
  }

  @Test
  void aGrantedCheckHoldsForTheRestOfItsCommandOnlyAndOnlyForTheSameUser() {
    String reference = inspectionWithPartnersNotified();
    Task police = tasks.createTaskQuery().processInstanceBusinessKey(reference).taskCandidateGroup("police").list().get(0);
    engine.getIdentityService().setAuthentication("police.lead", List.of("police"));

    run(context -> {
      checkTaskWork(context, police.getId());
      // The task's grants go, within the command: the check already granted in it is not asked again...
      assertThat(jdbc.update("delete from ACT_RU_AUTHORIZATION where RESOURCE_ID_ = ?", police.getId())).isPositive();
      // (MyBatis would answer the same query from its session cache, after building it again: forget that answer.)
      context.getDbSqlSession().getSqlSession().clearCache();
      checkTaskWork(context, police.getId());
      // ...but for another user it is, and refused.
      engine.getIdentityService().setAuthentication("la.lead", List.of("la"));
      assertThatThrownBy(() -> checkTaskWork(context, police.getId())).isInstanceOf(AuthorizationException.class);
      return null;
    });

    engine.getIdentityService().setAuthentication("police.lead", List.of("police"));
    assertThatThrownBy(() -> run(context -> {
      checkTaskWork(context, police.getId());
      return null;
    })).as("the next command asks again").isInstanceOf(AuthorizationException.class);
  }

  @Test
  void whatIsRememberedNamesTheUserTheGroupsAndEachResourceAndPermissionAndNothingAskedByAQueryIs() {
    // (Camunda builds checks inside a command only.)
    List<CompositePermissionCheck> checks = run(context -> List.of(
        new PermissionCheckBuilder().disjunctive()
            .atomicCheckForResourceId(Resources.TASK, "task-1", TaskPermissions.TASK_WORK)
            .atomicCheckForResourceId(Resources.TASK, "task-1", Permissions.UPDATE).build(),
        new PermissionCheckBuilder().disjunctive()
            .atomicCheckForResourceId(Resources.TASK, "task-2", TaskPermissions.TASK_WORK)
            .atomicCheckForResourceId(Resources.TASK, "task-2", Permissions.UPDATE).build()));
    CompositePermissionCheck work = checks.get(0);
    CompositePermissionCheck other = checks.get(1);
    String key = GrantsOnlyAuthorization.Manager.key("police.lead", List.of("police"), work);
    assertThat(key).isNotNull()
        .isEqualTo(GrantsOnlyAuthorization.Manager.key("police.lead", List.of("police"), work))
        .isNotEqualTo(GrantsOnlyAuthorization.Manager.key("police.lead", List.of("police"), other))
        .isNotEqualTo(GrantsOnlyAuthorization.Manager.key("la.lead", List.of("police"), work))
        .isNotEqualTo(GrantsOnlyAuthorization.Manager.key("police.lead", List.of("police", "la"), work));
    PermissionCheck byQuery = new PermissionCheck();
    byQuery.setResource(Resources.TASK);
    byQuery.setPermission(Permissions.READ);
    byQuery.setResourceIdQueryParam("RES.ID_");
    CompositePermissionCheck query = new CompositePermissionCheck();
    query.addAtomicCheck(byQuery);
    assertThat(GrantsOnlyAuthorization.Manager.key("police.lead", List.of("police"), query)).isNull();
  }

  private static void checkTaskWork(CommandContext context, String taskId) {
    for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
      checker.checkTaskWork(context.getTaskManager().findTaskById(taskId));
    }
  }

  private <T> T run(Command<T> command) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(command);
  }
}
