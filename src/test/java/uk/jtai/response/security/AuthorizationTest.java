package uk.jtai.response.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestUsers;

/** Camunda authorization is on: each group sees and completes only its own tasks, in Tasklist or over REST. */
class AuthorizationTest extends ProcessTestSupport {

  @LocalServerPort int port;
  private Http police;
  private String reference;

  @BeforeEach
  void inspectionWithAgencyTasks() {
    TestUsers.ensure(engine.getIdentityService(), "auth-police", "police");
    TestUsers.ensure(engine.getIdentityService(), "auth-health", "health");
    police = Http.as(port, "auth-police", TestUsers.PASSWORD);
    reference = newReference();
    startInspection(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00");
    moveClockTo("2027-05-24T10:00:00+01:00");
    complete(task(reference, "Task_NotifyPartners"), Map.of("contactsCurrent", true));
  }

  @Test
  void aPoliceUserSeesOnlyPoliceTasks() throws Exception {
    String body = police.get("/engine-rest/task?processInstanceBusinessKey=" + reference).body();
    List<?> visible = new com.fasterxml.jackson.databind.ObjectMapper().readValue(body, List.class);
    assertThat(visible).hasSize(2); // confirm lead contact, and the fieldwork meetings
    assertThat(body).contains("(Police)").doesNotContain("(Health)").doesNotContain("Annex A");
    assertThat(police.get("/engine-rest/task?candidateGroup=health&processInstanceBusinessKey=" + reference).body())
        .isEqualTo("[]");
  }

  @Test
  void aPoliceUserCannotReadClaimOrCompleteAHealthTask() {
    Task health = agencyTask(reference, "Task_ConfirmLeadContact", "health");
    assertThat(police.get("/engine-rest/task/" + health.getId()).statusCode()).isEqualTo(404);
    assertThat(police.get("/engine-rest/task/" + health.getId() + "/variables").statusCode()).isEqualTo(403);
    assertThat(police.post("/engine-rest/task/" + health.getId() + "/claim", "{\"userId\":\"auth-police\"}").statusCode())
        .isEqualTo(403);
    assertThat(police.post("/engine-rest/task/" + health.getId() + "/complete",
        "{\"variables\":{\"confirmedContact\":{\"value\":\"lead\"},\"contactName\":{\"value\":\"x\"},\"briefed\":{\"value\":true}}}")
        .statusCode()).isEqualTo(403);
    assertThat(agencyTask(reference, "Task_ConfirmLeadContact", "health")).as("still open").isNotNull();
  }

  @Test
  void aPoliceUserClaimsAndCompletesItsOwnTaskOverRest() {
    Task own = agencyTask(reference, "Task_ConfirmLeadContact", "police");
    assertThat(police.post("/engine-rest/task/" + own.getId() + "/claim", "{\"userId\":\"auth-police\"}").statusCode())
        .isEqualTo(204);
    assertThat(police.post("/engine-rest/task/" + own.getId() + "/complete",
        "{\"variables\":{\"confirmedContact\":{\"value\":\"lead\"},\"contactName\":{\"value\":\"Inspector Lead\"},\"briefed\":{\"value\":true}}}")
        .statusCode()).isEqualTo(204);
    assertThat(agencyTask(reference, "Task_ConfirmLeadContact", "police")).isNull();
  }

  @Test
  void aBadSubmissionOverRestIs400WithTheFieldAndTheTaskStaysOpen() {
    Task own = agencyTask(reference, "Task_ConfirmLeadContact", "police");
    var response = police.post("/engine-rest/task/" + own.getId() + "/complete",
        "{\"variables\":{\"confirmedContact\":{\"value\":\"lead\"},\"briefed\":{\"value\":false}}}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("contactName: is required").contains("briefed: confirm that the contact is available");
    assertThat(agencyTask(reference, "Task_ConfirmLeadContact", "police")).isNotNull();
  }

  @Test
  void aTaskOfferedBeforeVariablePermissionsWereSpecificOpensAgainAfterTheUpgradeAtStart() {
    Task own = agencyTask(reference, "Task_ConfirmLeadContact", "police");
    AuthorizationService authorizations = engine.getAuthorizationService();
    Authorization grant = authorizations.createAuthorizationQuery()
        .resourceType(Resources.TASK).resourceId(own.getId()).groupIdIn("police").singleResult();
    grant.removePermission(org.camunda.bpm.engine.authorization.TaskPermissions.READ_VARIABLE);
    authorizations.saveAuthorization(grant);
    authorizations.createAuthorizationQuery().resourceType(Resources.HISTORIC_TASK).resourceId(own.getId()).list()
        .forEach(old -> authorizations.deleteAuthorization(old.getId()));
    assertThat(police.get("/engine-rest/task/" + own.getId() + "/form-variables").statusCode()).as("as an older task").isEqualTo(403);

    TaskGrantsUpgrade.apply(authorizations);
    TaskGrantsUpgrade.apply(authorizations);

    assertThat(police.get("/engine-rest/task/" + own.getId() + "/form-variables").statusCode()).isEqualTo(200);
    assertThat(police.get("/engine-rest/task/" + own.getId() + "/comment").statusCode()).as("its comments, found in history").isEqualTo(200);
    assertThat(authorizations.createAuthorizationQuery().resourceType(Resources.HISTORIC_TASK).resourceId(own.getId()).count())
        .as("once").isEqualTo(1);
  }

  @Test
  void aTasksPeopleReadItsHistoryButNotTheHistoryOfItsProcesssVariables() {
    Task own = agencyTask(reference, "Task_ConfirmLeadContact", "police");
    Task health = agencyTask(reference, "Task_ConfirmLeadContact", "health");
    complete(health, Map.of("confirmedContact", "lead", "contactName", "Dr Health Lead", "briefed", true));
    AuthorizationService authorizations = engine.getAuthorizationService();
    Authorization history = authorizations.createAuthorizationQuery()
        .resourceType(Resources.HISTORIC_TASK).resourceId(own.getId()).groupIdIn("police").singleResult();
    assertThat(history.isPermissionGranted(HistoricTaskPermissions.READ)).as("its comments, found in history").isTrue();
    assertThat(history.isPermissionGranted(HistoricTaskPermissions.READ_VARIABLE)).as("its process's variables").isFalse();
    String healthsAnswers = "/engine-rest/history/variable-instance?taskIdIn=" + health.getId();
    String cascade = "/engine-rest/history/variable-instance?processInstanceId=" + own.getProcessInstanceId();
    assertThat(Http.as(port, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).get(healthsAnswers).body()).contains("Dr Health Lead");
    assertThat(police.get(healthsAnswers).body()).isEqualTo("[]");
    assertThat(police.get(cascade).body()).isEqualTo("[]");
    assertThat(police.get("/engine-rest/history/detail?processInstanceId=" + own.getProcessInstanceId()).body()).isEqualTo("[]");

    // A grant made by an earlier version, with READ_VARIABLE: the upgrade at start takes it off, once.
    history.addPermission(HistoricTaskPermissions.READ_VARIABLE);
    authorizations.saveAuthorization(history);
    assertThat(police.get(healthsAnswers).body()).as("as it was").contains("Dr Health Lead");
    TaskGrantsUpgrade.apply(authorizations);
    TaskGrantsUpgrade.apply(authorizations);
    assertThat(police.get(healthsAnswers).body()).isEqualTo("[]");
    Authorization upgraded = authorizations.createAuthorizationQuery()
        .resourceType(Resources.HISTORIC_TASK).resourceId(own.getId()).groupIdIn("police").singleResult();
    assertThat(upgraded.isPermissionGranted(HistoricTaskPermissions.READ)).isTrue();
    assertThat(upgraded.isPermissionGranted(HistoricTaskPermissions.READ_VARIABLE)).isFalse();
    assertThat(police.get("/engine-rest/task/" + own.getId() + "/form-variables").statusCode()).as("its own form still opens")
        .isEqualTo(200);
  }

  @Test
  void aRevokeAuthorizationIsRefusedOverRestAndInJavaAndNothingIsSaved() {
    AuthorizationService authorizations = engine.getAuthorizationService();
    long before = authorizations.createAuthorizationQuery().count();
    var response = Http.as(port, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).post("/engine-rest/authorization/create",
        "{\"type\":2,\"permissions\":[\"READ\"],\"groupId\":\"police\",\"resourceType\":7,\"resourceId\":\"*\"}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("never revokes");

    var revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setGroupId("police");
    revoke.setResource(Resources.TASK);
    revoke.setResourceId("*");
    revoke.addPermission(Permissions.READ);
    assertThatThrownBy(() -> authorizations.saveAuthorization(revoke)).isInstanceOf(BadUserRequestException.class);
    assertThat(authorizations.createAuthorizationQuery().count()).isEqualTo(before);
    assertThat(authorizations.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_REVOKE).count()).isZero();
  }

  @Test
  void theEngineDoesNotStartOverARevokeAlreadyInTheDatabase() {
    jdbc.update("insert into ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_, PERMS_) "
        + "values ('revoke-from-elsewhere', 1, 2, 'police', 7, '*', 2)");
    try {
      assertThatThrownBy(() -> GrantsOnlyAuthorization.requireNoRevokes(engine))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("1 REVOKE authorization");
    } finally {
      jdbc.update("delete from ACT_RU_AUTHORIZATION where ID_ = 'revoke-from-elsewhere'");
    }
    GrantsOnlyAuthorization.requireNoRevokes(engine);
  }

  @Test
  void groupsWithoutAuthorizationsChangeNothingForTheChecks() {
    engine.getIdentityService().saveGroup(engine.getIdentityService().newGroup("auth-no-grants"));
    try {
      TestUsers.ensure(engine.getIdentityService(), "auth-police", "auth-no-grants");
      String body = police.get("/engine-rest/task?processInstanceBusinessKey=" + reference).body();
      assertThat(body).contains("(Police)").doesNotContain("(Health)");
      Task health = agencyTask(reference, "Task_ConfirmLeadContact", "health");
      assertThat(police.get("/engine-rest/task/" + health.getId()).statusCode()).isEqualTo(404);
      Task own = agencyTask(reference, "Task_ConfirmLeadContact", "police");
      assertThat(police.get("/engine-rest/task/" + own.getId()).statusCode()).isEqualTo(200);
    } finally {
      engine.getIdentityService().deleteGroup("auth-no-grants");
    }
  }

  @Test
  void expressionsInTaskQueriesAreRefused() {
    String expression = URLEncoder.encode("${currentUser()}", StandardCharsets.UTF_8);
    var response = police.get("/engine-rest/task?assigneeExpression=" + expression);
    assertThat(response.statusCode()).isIn(400, 403);
    assertThat(response.body()).containsIgnoringCase("expression");
  }

  @Test
  void theAdminSetupPageCannotCreateAnAdministrator() {
    var response = Http.anonymous(port).post("/camunda/api/admin/setup/default/user/create",
        "{\"profile\":{\"id\":\"intruder\",\"firstName\":\"I\",\"lastName\":\"X\",\"email\":\"i@x.example\"},"
            + "\"credentials\":{\"password\":\"intruder-password\"}}");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(engine.getIdentityService().createUserQuery().userId("intruder").count()).isZero();
  }

  @Test
  void onlyCoordinatorsOpenCockpitAndOnlyAdministratorsOpenAdmin() {
    AuthorizationService authorizations = engine.getAuthorizationService();
    assertThat(authorizations.isUserAuthorized("auth-police", List.of("police"), Permissions.ACCESS, Resources.APPLICATION, "tasklist")).isTrue();
    assertThat(authorizations.isUserAuthorized("auth-police", List.of("police"), Permissions.ACCESS, Resources.APPLICATION, "cockpit")).isFalse();
    assertThat(authorizations.isUserAuthorized("auth-police", List.of("police"), Permissions.ACCESS, Resources.APPLICATION, "admin")).isFalse();
    assertThat(authorizations.isUserAuthorized("x", List.of("business-unit"), Permissions.ACCESS, Resources.APPLICATION, "cockpit")).isTrue();
    assertThat(authorizations.isUserAuthorized("x", List.of("business-unit"), Permissions.ACCESS, Resources.APPLICATION, "admin")).isFalse();
    assertThat(authorizations.isUserAuthorized("test-admin", List.of("camunda-admin"), Permissions.ACCESS, Resources.APPLICATION, "admin")).isTrue();
  }
}
