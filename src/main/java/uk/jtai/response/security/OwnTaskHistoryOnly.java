package uk.jtai.response.security;

import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;

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
 */
final class OwnTaskHistoryOnly extends DefaultAuthorizationProvider {

  @Override
  protected Permission[] getHistoricPermissions(boolean enforceSpecificVariablePermission) {
    return new Permission[] {HistoricTaskPermissions.READ};
  }
}
