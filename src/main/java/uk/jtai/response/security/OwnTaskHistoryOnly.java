package uk.jtai.response.security;

import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityCache;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * The grants Camunda gives a task's candidates and assignee, less one: READ_VARIABLE on the finished task.
 *
 * <p>With historic instance permissions on, the engine grants a task's people READ and READ_VARIABLE on its
 * history. READ shows them the finished task and its comments, as meant. READ_VARIABLE is wider than its name:
 * Camunda's query for historic variables and details joins every task <em>of the same process instance</em>
 * ({@code ACT_HI_TASKINST TI on TI.PROC_INST_ID_ = RES.PROC_INST_ID_}), so one task of the police in the
 * notification cascade let the police read, over {@code /engine-rest/history/variable-instance} and
 * {@code /history/detail}, what every other agency submitted in it (their contacts' names, their decisions).
 * Nothing in Tasklist or in this service reads history's variables as a partner: the open task's form shows its
 * values (runtime READ_VARIABLE on the task, which is checked on the task's own variables), and history's
 * variables and form fields are the administrator's (docs/security.md). {@link TaskGrantsUpgrade} takes the
 * permission off grants made before.
 *
 * <p>And one database look-up less per grant (issue 19): before it grants a group on a task and on its history,
 * Camunda asks the database whether that group already has a grant there, to add to it. For a task created in the
 * same command (every task's candidate groups are granted as it is created) there can be none in the database; one
 * made earlier in the command is in the command's cache, which Camunda merges the new grant with anyway. About 1.8
 * SQL statements per user task.
 */
final class OwnTaskHistoryOnly extends DefaultAuthorizationProvider {

  @Override
  protected Permission[] getHistoricPermissions(boolean enforceSpecificVariablePermission) {
    return new Permission[] {HistoricTaskPermissions.READ};
  }

  @Override
  protected AuthorizationEntity getGrantAuthorization(String taskId, String userId, String groupId, Resource resource) {
    if (isTaskOrItsHistory(resource) && createdInThisCommand(taskId)) {
      return null;
    }
    return super.getGrantAuthorization(taskId, userId, groupId, resource);
  }

  private static boolean isTaskOrItsHistory(Resource resource) {
    return resource.resourceType() == Resources.TASK.resourceType()
        || resource.resourceType() == Resources.HISTORIC_TASK.resourceType();
  }

  /** Whether the task is to be inserted by the command running now: nothing about it can be in the database yet. */
  private static boolean createdInThisCommand(String taskId) {
    CommandContext command = Context.getCommandContext();
    if (command == null || taskId == null) {
      return false;
    }
    DbEntityCache cache = command.getDbEntityManager().getDbEntityCache();
    TaskEntity task = cache.get(TaskEntity.class, taskId);
    return task != null && cache.isTransient(task);
  }
}
