package uk.jtai.response.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.jtai.response.partnership.Partnership;

/**
 * Makes the engine's users, groups, authorizations and Tasklist filters what the product needs, at
 * every start (idempotent): the partnership's groups; the first administrator from the environment
 * (start-up fails without one, so Admin's setup page never applies); least-privilege grants per group;
 * a Tasklist filter per group; and, in profile demo only, one user per role. Outside the demo profile it
 * first refuses to start while a demo account exists ({@link DemoAccountsCheck}).
 */
public class IdentitySetup {

  private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);

  private final Partnership partnership;
  private final List<ProcessStarters> starters;
  private final AdminProperties admin;
  private final DemoUsers demo;
  private final boolean demoProfile;
  private final boolean removeDemoAccounts;

  /**
   * @param demoProfile whether profile {@code demo} is active: its users are seeded, and only then may they exist
   * @param removeDemoAccounts outside the demo profile, delete demo accounts instead of refusing to start
   * @param starters the processes groups start themselves, as their features declare them
   */
  public IdentitySetup(Partnership partnership, AdminProperties admin, DemoUsers demo, boolean demoProfile,
                       boolean removeDemoAccounts, List<ProcessStarters> starters) {
    this.partnership = partnership;
    this.starters = starters;
    this.admin = admin;
    this.demo = demo;
    this.demoProfile = demoProfile;
    this.removeDemoAccounts = removeDemoAccounts;
  }

  public void apply(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    AuthorizationService authorizations = engine.getAuthorizationService();
    Map<String, String> groups = Roles.groups(partnership);

    if (!demoProfile) {
      new DemoAccountsCheck(demo, removeDemoAccounts).apply(engine);
    }

    ensureGroup(identity, Roles.ADMIN, "Administrators", Groups.GROUP_TYPE_SYSTEM);
    groups.forEach((id, name) -> ensureGroup(identity, id, name, Groups.GROUP_TYPE_WORKFLOW));
    ensureAdministrator(identity);

    for (Resources resource : Resources.values()) {
      grant(authorizations, Roles.ADMIN, resource, ANY, Permissions.ALL);
    }
    for (String group : groups.keySet()) {
      grant(authorizations, group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      // Tasklist shows the diagram of a task's process; the definitions hold no inspection data.
      grant(authorizations, group, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
    }
    for (String coordinator : Roles.COORDINATORS) {
      grant(authorizations, coordinator, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
      // Cockpit: where each inspection stands and its history; not every agency's tasks, which each
      // user sees only for their own groups (READ_TASK was granted before; revoked where it was).
      // Variables are read with a permission of their own (enforceSpecificVariablePermission): the coordinators
      // read the running processes' variables, which carry routing only (the trust model, docs/security.md);
      // child-level data is never a variable. History's variables and form fields are the administrator's.
      grant(authorizations, coordinator, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
          ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE);
      revoke(authorizations, coordinator, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ_TASK);
      grant(authorizations, coordinator, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
    }
    // Each process the people of some groups start themselves: its feature says who (ProcessStarters).
    for (ProcessStarters process : starters) {
      for (String group : process.startedBy()) {
        grant(authorizations, group, Resources.PROCESS_DEFINITION, process.processKey(), ProcessDefinitionPermissions.CREATE_INSTANCE);
        grant(authorizations, group, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
      }
    }
    groups.forEach((id, name) -> ensureGroupFilter(engine.getFilterService(), authorizations, engine, id, name));
    TaskGrantsUpgrade.apply(authorizations);

    if (demoProfile) {
      seedDemoUsers(identity, demo);
    }
  }

  private void ensureAdministrator(IdentityService identity) {
    if (admin.isSet()) {
      if (!demoProfile) {
        requirePolicyCompliant(identity, administrator(identity));
      }
      if (identity.createUserQuery().userId(admin.userId()).count() == 0) {
        User user = administrator(identity);
        user.setPassword(admin.password());
        if (demoProfile) {
          // The demo's administrator keeps the documented demo password, which the policy would refuse.
          saveSkippingPasswordPolicy(identity, user);
        } else {
          identity.saveUser(user);
        }
        log.info("Administrator '{}' created from the environment", admin.userId());
      }
      ensureMembership(identity, admin.userId(), Roles.ADMIN);
    } else if (identity.createUserQuery().memberOfGroup(Roles.ADMIN).count() == 0) {
      throw new IllegalStateException("No administrator exists and none is configured. Set JTAI_ADMIN_USER and "
          + "JTAI_ADMIN_PASSWORD (jtai.admin.user-id / jtai.admin.password) for the first start; the demo profile "
          + "(./mvnw spring-boot:run) sets them for you.");
    }
  }

  private User administrator(IdentityService identity) {
    User user = identity.newUser(admin.userId());
    user.setFirstName("JTAI");
    user.setLastName("Administrator");
    return user;
  }

  /**
   * The configured administrator password meets the engine's password policy, checked at every start
   * where it is set (not only the first): a weak password in the environment is refused before it is used.
   */
  private void requirePolicyCompliant(IdentityService identity, User user) {
    PasswordPolicy policy = identity.getPasswordPolicy();
    if (policy == null) {
      return; // enablePasswordPolicy is off
    }
    PasswordPolicyResult result = identity.checkPasswordAgainstPolicy(policy, admin.password(), user);
    if (!result.isValid()) {
      throw new IllegalStateException("JTAI_ADMIN_PASSWORD (jtai.admin.password) does not meet the password policy. "
          + "Not met: " + PasswordPolicyWords.of(result.getViolatedRules()) + ". The policy: "
          + PasswordPolicyWords.of(policy.getRules()) + ".");
    }
  }

  private void seedDemoUsers(IdentityService identity, DemoUsers demo) {
    for (DemoUsers.DemoUser demoUser : demo.users()) {
      if (identity.createUserQuery().userId(demoUser.id()).count() == 0) {
        User user = identity.newUser(demoUser.id());
        user.setFirstName(demoUser.firstName());
        user.setLastName(demoUser.lastName());
        user.setEmail(demoUser.email());
        user.setPassword(demo.password());
        saveSkippingPasswordPolicy(identity, user);
      }
      demoUser.groups().forEach(group -> ensureMembership(identity, demoUser.id(), group));
    }
    log.warn("Demo users are active (profile demo): never run this profile in production");
  }

  /** Demo profile only: the documented demo password, which the password policy would refuse. */
  private static void saveSkippingPasswordPolicy(IdentityService identity, User user) {
    ((IdentityServiceImpl) identity).saveUser(user, true);
  }

  private static void ensureGroup(IdentityService identity, String id, String name, String type) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType(type);
      identity.saveGroup(group);
    }
  }

  private static void ensureMembership(IdentityService identity, String userId, String groupId) {
    if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identity.createMembership(userId, groupId);
    }
  }

  /** Adds the permissions to the group's grant on the resource, creating the grant if it is missing. */
  static void grant(AuthorizationService service, String group, Resource resource, String resourceId,
                    Permission... permissions) {
    Authorization authorization = service.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT).groupIdIn(group).resourceType(resource).resourceId(resourceId)
        .singleResult();
    if (authorization == null) {
      authorization = service.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(group);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    boolean changed = authorization.getId() == null;
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      service.saveAuthorization(authorization);
    }
  }

  static void revoke(AuthorizationService service, String group, Resource resource, String resourceId,
                     Permission permission) {
    Authorization authorization = service.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT).groupIdIn(group).resourceType(resource).resourceId(resourceId)
        .singleResult();
    if (authorization != null && authorization.isPermissionGranted(permission)) {
      authorization.removePermission(permission);
      service.saveAuthorization(authorization);
    }
  }

  /** "<Group> tasks": the group's open tasks, claimed or not, readable by that group only. */
  private static void ensureGroupFilter(FilterService filters, AuthorizationService authorizations,
                                        ProcessEngine engine, String group, String groupName) {
    String name = groupName + " tasks";
    Filter filter = filters.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      TaskQuery query = engine.getTaskService().createTaskQuery().taskCandidateGroup(group).includeAssignedTasks();
      filter = filters.newTaskFilter(name).setQuery(query).setProperties(Map.of(
          "description", "Open tasks for the " + groupName,
          "priority", Roles.COORDINATORS.contains(group) ? 0 : 10,
          "refresh", true,
          "variables", List.of(Map.of("name", "reference", "label", "Inspection"))));
      filters.saveFilter(filter);
    }
    grant(authorizations, group, Resources.FILTER, filter.getId(), Permissions.READ);
  }
}
