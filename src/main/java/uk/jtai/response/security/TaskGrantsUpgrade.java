package uk.jtai.response.security;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.AuthorizationQuery;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine grants a task's candidates and assignee READ_VARIABLE (their form's variables) and READ on
 * the finished task (its comments) when the task is offered, now that specific variable permissions and
 * historic instance permissions are on. A task offered before they were turned on has neither, and its
 * people could no longer open its form: each start, every such grant gets what a new one would have.
 * A grant on a finished task made before {@link OwnTaskHistoryOnly} also held READ_VARIABLE, which read the
 * whole process's history of variables: each start takes it off.
 * Idempotent; nothing to do on a database that never ran without them.
 */
final class TaskGrantsUpgrade {

  private static final Logger log = LoggerFactory.getLogger(TaskGrantsUpgrade.class);

  private TaskGrantsUpgrade() {}

  static void apply(AuthorizationService authorizations) {
    List<Authorization> older = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
        .resourceType(Resources.TASK).list().stream()
        .filter(grant -> grant.isPermissionGranted(TaskPermissions.TASK_WORK) || grant.isPermissionGranted(Permissions.UPDATE))
        .filter(grant -> !grant.isPermissionGranted(TaskPermissions.READ_VARIABLE))
        .toList();
    for (Authorization grant : older) {
      grant.addPermission(TaskPermissions.READ_VARIABLE);
      authorizations.saveAuthorization(grant);
      Authorization history = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      history.setUserId(grant.getUserId());
      history.setGroupId(grant.getGroupId());
      history.setResource(Resources.HISTORIC_TASK);
      history.setResourceId(grant.getResourceId());
      history.addPermission(HistoricTaskPermissions.READ);
      AuthorizationQuery existing = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
          .resourceType(Resources.HISTORIC_TASK).resourceId(grant.getResourceId());
      existing = grant.getUserId() != null ? existing.userIdIn(grant.getUserId()) : existing.groupIdIn(grant.getGroupId());
      if (existing.count() == 0) {
        authorizations.saveAuthorization(history);
      }
    }
    if (!older.isEmpty()) {
      log.info("{} grants on tasks offered before variable and history permissions were specific now include them", older.size());
    }
    List<Authorization> tooWide = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
        .resourceType(Resources.HISTORIC_TASK).hasPermission(HistoricTaskPermissions.READ_VARIABLE).list();
    for (Authorization grant : tooWide) {
      grant.removePermission(HistoricTaskPermissions.READ_VARIABLE);
      authorizations.saveAuthorization(grant);
    }
    if (!tooWide.isEmpty()) {
      log.info("{} grants on finished tasks no longer read their processes' history of variables", tooWide.size());
    }
  }
}
