package uk.jtai.response.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheckBuilder;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * The fixed statement gives Camunda's own answer: for hundreds of random sets of grants (to a user, to groups, global;
 * on a resource by id and on every resource; with some of the permission's bits or all) and random checks of the kind
 * it answers, {@link GrantRows#grants} says yes exactly when Camunda's statement does, and the service's manager
 * answers as Camunda's does for every check, the kinds it does not answer included. And a partner still works on
 * their own task and not on another agency's.
 */
class GrantRowsTest extends ProcessTestSupport {

  private static final String ROW = "grant-rows-test-";
  private static final List<String> IDS = List.of("grant-rows-task-1", "grant-rows-task-2", "*");
  private static final List<String> GROUPS = List.of("grant-rows-a", "grant-rows-b", "grant-rows-c");
  private static final String USER = "grant-rows-user";

  @AfterEach
  void removeRows() {
    jdbc.update("delete from ACT_RU_AUTHORIZATION where ID_ like ?", ROW + "%");
    engine.getIdentityService().clearAuthentication();
  }

  @Test
  void saysYesExactlyWhenCamundaDoes() {
    Random random = new Random(19);
    int checked = 0;
    int yes = 0;
    for (int scenario = 0; scenario < 150; scenario++) {
      jdbc.update("delete from ACT_RU_AUTHORIZATION where ID_ like ?", ROW + "%");
      insertRandomRows(random, scenario);
      for (int c = 0; c < 12; c++) {
        CompositePermissionCheck check = run(context -> randomCheck(random));
        List<String> groups = randomGroups(random);
        String user = random.nextInt(5) == 0 ? "someone-else" : USER;
        boolean camunda = run(context -> new AuthorizationManager().isAuthorized(user, groups, check));
        int at = scenario;
        java.util.function.Supplier<String> scene = () -> scene(at, user, groups, check);
        if (GrantRows.answers(check)) {
          boolean rows = run(context -> GrantRows.grants(context.getDbSqlSession().getSqlSession().getConnection(),
              context.getProcessEngineConfiguration().getDatabaseTablePrefix(), user, groups, check));
          assertThat(rows).as(scene).isEqualTo(camunda);
          checked++;
          yes += rows ? 1 : 0;
        }
        boolean manager = run(context -> new GrantsOnlyAuthorization.Manager().isAuthorized(user, groups, check));
        assertThat(manager).as(scene).isEqualTo(camunda);
      }
    }
    System.out.printf("GrantRowsTest: %d checks compared, %d granted%n", checked, yes);
    // Both answers come up often enough for the comparison to mean something.
    assertThat(checked).isGreaterThan(1000);
    assertThat(yes).isBetween(checked / 5, checked * 4 / 5);
  }

  @Test
  void answersFlatChecksByIdOnlyAndAnyOfThemOrASingleOne() {
    CompositePermissionCheck anyOf = run(context -> new PermissionCheckBuilder().disjunctive()
        .atomicCheckForResourceId(Resources.TASK, "t", TaskPermissions.TASK_WORK)
        .atomicCheckForResourceId(Resources.TASK, "t", Permissions.UPDATE).build());
    CompositePermissionCheck allOf = run(context -> new PermissionCheckBuilder().conjunctive()
        .atomicCheckForResourceId(Resources.TASK, "t", TaskPermissions.TASK_WORK)
        .atomicCheckForResourceId(Resources.TASK, "t", Permissions.UPDATE).build());
    CompositePermissionCheck single = run(context -> new PermissionCheckBuilder().conjunctive()
        .atomicCheckForResourceId(Resources.TASK, "t", TaskPermissions.TASK_WORK).build());
    CompositePermissionCheck byQuery = run(context -> new PermissionCheckBuilder()
        .atomicCheck(Resources.TASK, "RES.ID_", Permissions.READ).build());
    CompositePermissionCheck nested = new CompositePermissionCheck(true);
    nested.addCompositeCheck(anyOf);
    nested.addCompositeCheck(single);
    PermissionCheck withOwnDefault = run(context -> new PermissionCheckBuilder()
        .atomicCheckForResourceId(Resources.TASK, "t", Permissions.READ).build()).getAtomicChecks().get(0);
    withOwnDefault.setAuthorizationNotFoundReturnValue(0L);
    CompositePermissionCheck notFoundZero = new CompositePermissionCheck(true);
    notFoundZero.addAtomicCheck(withOwnDefault);

    assertThat(GrantRows.answers(anyOf)).isTrue();
    assertThat(GrantRows.answers(single)).isTrue();
    assertThat(GrantRows.answers(allOf)).as("all of several: Camunda's own statement").isFalse();
    assertThat(GrantRows.answers(byQuery)).isFalse();
    assertThat(GrantRows.answers(nested)).isFalse();
    assertThat(GrantRows.answers(notFoundZero)).isFalse();
    assertThat(GrantRows.sql("", 2, 1, true, 2)).isEqualTo("select RESOURCE_TYPE_, RESOURCE_ID_, PERMS_ from "
        + "ACT_RU_AUTHORIZATION where RESOURCE_TYPE_ in (?, ?) and RESOURCE_ID_ in (?, '*') and ((TYPE_ = 0 and "
        + "USER_ID_ = '*') or (TYPE_ = 1 and (USER_ID_ = ? or GROUP_ID_ in (?, ?))))");
  }

  @Test
  void aPartnerWorksOnTheirOwnTaskAndNotOnAnotherAgencys() {
    String reference = inspectionWithPartnersNotified();
    Task police = tasks.createTaskQuery().processInstanceBusinessKey(reference).taskCandidateGroup("police").list().get(0);
    Task la = tasks.createTaskQuery().processInstanceBusinessKey(reference).taskCandidateGroup("la").list().get(0);

    engine.getIdentityService().setAuthentication("police.lead", List.of("police"));
    CompositePermissionCheck own = run(context -> workOn(police));
    CompositePermissionCheck other = run(context -> workOn(la));
    assertThat(GrantRows.answers(own)).isTrue();
    boolean onOwn = run(context -> GrantRows.grants(context.getDbSqlSession().getSqlSession().getConnection(), "",
        "police.lead", List.of("police"), own));
    boolean onOther = run(context -> GrantRows.grants(context.getDbSqlSession().getSqlSession().getConnection(), "",
        "police.lead", List.of("police"), other));
    assertThat(onOwn).isTrue();
    assertThat(onOther).isFalse();
  }

  /** The check Camunda makes before a task is worked on (AuthorizationCommandChecker.checkTaskWork). */
  private static CompositePermissionCheck workOn(Task task) {
    return new PermissionCheckBuilder().disjunctive()
        .atomicCheckForResourceId(Resources.TASK, task.getId(), TaskPermissions.TASK_WORK)
        .atomicCheckForResourceId(Resources.PROCESS_DEFINITION, "jtai-inspection", ProcessDefinitionPermissions.TASK_WORK)
        .atomicCheckForResourceId(Resources.TASK, task.getId(), Permissions.UPDATE)
        .atomicCheckForResourceId(Resources.PROCESS_DEFINITION, "jtai-inspection", ProcessDefinitionPermissions.UPDATE_TASK)
        .build();
  }

  private void insertRandomRows(Random random, int scenario) {
    List<Object[]> candidates = new ArrayList<>();
    for (Resource resource : List.of(Resources.TASK, Resources.PROCESS_DEFINITION)) {
      for (String id : IDS) {
        candidates.add(new Object[] {1, USER, null, resource, id});
        for (String group : GROUPS) {
          candidates.add(new Object[] {1, null, group, resource, id});
        }
        candidates.add(new Object[] {0, "*", null, resource, id});
      }
    }
    Collections.shuffle(candidates, random);
    int rows = random.nextInt(6);
    for (int i = 0; i < rows; i++) {
      Object[] row = candidates.get(i);
      Resource resource = (Resource) row[3];
      jdbc.update("insert into ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, USER_ID_, GROUP_ID_, RESOURCE_TYPE_, "
              + "RESOURCE_ID_, PERMS_) values (?, 1, ?, ?, ?, ?, ?, ?)",
          ROW + scenario + "-" + i, row[0], row[1], row[2], resource.resourceType(), row[4],
          randomPerms(random, resource));
    }
  }

  private static int randomPerms(Random random, Resource resource) {
    List<Permission> permissions = permissions(resource);
    switch (random.nextInt(4)) {
      case 0:
        return Permissions.ALL.getValue();
      case 1:
        return Permissions.NONE.getValue();
      default:
        int perms = 0;
        for (Permission permission : permissions) {
          if (random.nextBoolean()) {
            perms |= permission.getValue();
          }
        }
        return perms;
    }
  }

  private static List<Permission> permissions(Resource resource) {
    return resource == Resources.TASK
        ? List.of(Permissions.READ, Permissions.UPDATE, TaskPermissions.TASK_WORK, TaskPermissions.READ_VARIABLE)
        : List.of(Permissions.READ, ProcessDefinitionPermissions.TASK_WORK, ProcessDefinitionPermissions.UPDATE_TASK,
            ProcessDefinitionPermissions.READ_TASK);
  }

  private static CompositePermissionCheck randomCheck(Random random) {
    PermissionCheckBuilder builder = new PermissionCheckBuilder();
    builder = random.nextInt(4) == 0 ? builder.conjunctive() : builder.disjunctive();
    int atomics = 1 + random.nextInt(4);
    for (int i = 0; i < atomics; i++) {
      Resource resource = random.nextBoolean() ? Resources.TASK : Resources.PROCESS_DEFINITION;
      List<Permission> permissions = permissions(resource);
      // Now and then every permission at once: a row must hold all of a check's bits, not some.
      builder.atomicCheckForResourceId(resource, IDS.get(random.nextInt(IDS.size() - 1)),
          random.nextInt(6) == 0 ? Permissions.ALL : permissions.get(random.nextInt(permissions.size())));
    }
    return builder.build();
  }

  private static List<String> randomGroups(Random random) {
    List<String> groups = new ArrayList<>();
    for (String group : GROUPS) {
      if (random.nextBoolean()) {
        groups.add(group);
      }
    }
    return groups;
  }

  private String scene(int scenario, String user, List<String> groups, CompositePermissionCheck check) {
    StringBuilder scene = new StringBuilder("scenario ").append(scenario).append(", ").append(user).append(' ')
        .append(groups).append(check.isDisjunctive() ? " any of " : " all of ");
    for (PermissionCheck atomic : check.getAtomicChecks()) {
      scene.append(atomic.getResource().resourceName()).append(':').append(atomic.getResourceId()).append(':')
          .append(atomic.getPermission().getName()).append(' ');
    }
    scene.append("rows ").append(jdbc.queryForList("select TYPE_, USER_ID_, GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_, "
        + "PERMS_ from ACT_RU_AUTHORIZATION where ID_ like ?", ROW + "%"));
    return scene.toString();
  }

  private <T> T run(Command<T> command) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(command);
  }
}
