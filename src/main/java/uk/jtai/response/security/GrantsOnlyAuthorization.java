package uk.jtai.response.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import uk.jtai.response.process.EngineSessions;

/**
 * Authorization as this service uses it: permissions are granted (to groups, by {@link IdentitySetup}, and to a
 * task's candidates by the engine), never revoked. That lets every command of a signed-in user skip two queries
 * Camunda otherwise runs before its own checks (measured as 10 of the 105 SQL statements per user task in the
 * benchmark):
 * <ul>
 *   <li>whether any REVOKE authorization applies to the user ({@code authorizationCheckRevokes = never});
 *       so that this stays true, saving a REVOKE authorization (Admin, REST or Java) is refused with a clear
 *       error, and the engine does not start if the database holds one;</li>
 *   <li>which of the user's groups have any authorization at all: Camunda reads every group id of
 *       {@code ACT_RU_AUTHORIZATION} to shorten the list it passes to its checks. A group without an
 *       authorization matches no row of those checks, so passing the user's groups as they are gives the same
 *       answer; the filter only helps a directory whose users have hundreds of groups, and ours have two or three.</li>
 * </ul>
 * Within one command, a check already granted is not asked again, and a check some row grants is read in a fixed
 * statement rather than the one MyBatis builds ({@link Manager}, {@link GrantRows}).
 */
public final class GrantsOnlyAuthorization {

  private GrantsOnlyAuthorization() {
  }

  /** Before the engine is built (a plugin's {@code preInit}). */
  public static void configure(ProcessEngineConfigurationImpl configuration) {
    configuration.setAuthorizationCheckRevokes(ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_NEVER);
    // A task's people read its history, not its whole process's variables (OwnTaskHistoryOnly).
    configuration.setResourceAuthorizationProvider(new OwnTaskHistoryOnly());
    EngineSessions.replace(configuration, AuthorizationManager.class, Manager::new);
  }

  /** After the engine is built: a REVOKE authorization already in the database would be silently ignored. */
  public static void requireNoRevokes(ProcessEngine engine) {
    long revokes = engine.getAuthorizationService().createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_REVOKE).count();
    if (revokes > 0) {
      throw new IllegalStateException(revokes + " REVOKE authorization(s) in ACT_RU_AUTHORIZATION: this service only "
          + "grants permissions and does not check for revokes; delete them (Admin, Authorizations) and grant less instead");
    }
  }

  /**
   * Camunda's authorization manager without the two per-command look-ups above, and with each check granted once in a
   * command not asked of the database again in it. A partner's completion asked whether they may work on the task
   * twice in the same command (the form check first, tasks/GuardedTaskService, then Camunda's CompleteTaskCmd): the
   * check's query, built by MyBatis from a dozen conditions, was a quarter of the CPU of a completion (Java Flight
   * Recorder, 40 inspections; issue 19). A manager is a session of one command, so what it remembers ends with the
   * command; it remembers granted checks only, by user, groups and the exact permissions and resources asked.
   */
  static final class Manager extends AuthorizationManager {

    private final java.util.Set<String> granted = new java.util.HashSet<>();

    @Override
    public boolean isAuthorized(String userId, List<String> groupIds, CompositePermissionCheck check) {
      String key = key(userId, groupIds, check);
      if (key != null && granted.contains(key)) {
        return true;
      }
      boolean authorized = grantedByRow(userId, groupIds, check) || super.isAuthorized(userId, groupIds, check);
      if (authorized && key != null) {
        granted.add(key);
      }
      return authorized;
    }

    /**
     * Yes if a row grants the check ({@link GrantRows}), for the checks it answers, revokes not being checked; no
     * means "ask Camunda". A permission that does not apply to its resource is refused as Camunda refuses it.
     */
    private boolean grantedByRow(String userId, List<String> groupIds, CompositePermissionCheck check) {
      if (!GrantRows.answers(check) || isRevokeAuthCheckEnabled(userId, groupIds)) {
        return false;
      }
      for (PermissionCheck atomic : check.getAtomicChecks()) {
        if (atomic.getPermission() == null || !isResourceValidForPermission(atomic)) {
          return false;
        }
      }
      CommandContext context = Context.getCommandContext();
      return GrantRows.grants(context.getDbSqlSession().getSqlSession().getConnection(),
          context.getProcessEngineConfiguration().getDatabaseTablePrefix(), userId, groupIds, check);
    }

    /** What a check asks, for whom; null if it asks of a resource by a query parameter rather than by its id. */
    static String key(String userId, List<String> groupIds, CompositePermissionCheck check) {
      StringBuilder key = new StringBuilder().append(userId).append('\u0000').append(groupIds).append('\u0000');
      return append(key, check) ? key.toString() : null;
    }

    private static boolean append(StringBuilder key, CompositePermissionCheck check) {
      key.append(check.isDisjunctive() ? "any(" : "all(");
      for (PermissionCheck atomic : check.getAtomicChecks()) {
        if (atomic.getResourceId() == null || atomic.getResourceIdQueryParam() != null) {
          return false;
        }
        key.append(atomic.getResourceType()).append(':').append(atomic.getResourceId()).append(':')
            .append(atomic.getPerms()).append(';');
      }
      for (CompositePermissionCheck composite : check.getCompositeChecks()) {
        if (!append(key, composite)) {
          return false;
        }
      }
      key.append(')');
      return true;
    }

    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      return authenticatedGroupIds == null ? new ArrayList<>() : new ArrayList<>(authenticatedGroupIds);
    }

    @Override
    public void validateResourceCompatibility(AuthorizationEntity authorization) {
      if (authorization.getAuthorizationType() == Authorization.AUTH_TYPE_REVOKE) {
        throw new BadUserRequestException("This service grants permissions and never revokes them: "
            + "remove the grant (or grant less) instead of adding a REVOKE authorization");
      }
      super.validateResourceCompatibility(authorization);
    }
  }
}
