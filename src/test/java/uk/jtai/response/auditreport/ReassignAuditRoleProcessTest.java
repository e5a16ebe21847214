package uk.jtai.response.auditreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestUsers;

/**
 * The Business Unit reassigns the Audit Chair or Author from Tasklist's start form (bpmn/reassign-audit-role.bpmn,
 * issue 16 item 4), with the API's checks and reasons: the role's open task moves, the stage's variable follows,
 * both people are told and the change is kept; bad input and anyone but the Business Unit are refused and change
 * nothing.
 */
class ReassignAuditRoleProcessTest extends ProcessTestSupport {

  private static final String NOTIFIED = "2027-05-24T09:10:00+01:00";

  @Autowired AuditRoles roles;

  @BeforeEach
  void people() {
    TestUsers.ensure(engine.getIdentityService(), "ra-chair", "police");
    TestUsers.ensure(engine.getIdentityService(), "ra-chair2", "health");
    TestUsers.ensure(engine.getIdentityService(), "ra-author", "business-unit");
    TestUsers.ensure(engine.getIdentityService(), "ra-author2", "la");
    TestUsers.ensure(engine.getIdentityService(), "ra-probation", "probation");
  }

  /** The Audit Day and report stage started on its own, its Chair and Author appointed. */
  private String atAuditDay() {
    String reference = newReference();
    ProcessInstance stage = startStage("audit-day-and-report", reference, "domestic-abuse", NOTIFIED);
    assertThat(stage).isWaitingAt("Task_AppointAuditRoles");
    moveClockTo("2027-05-28T14:00:00+01:00");
    complete(task(reference, "Task_AppointAuditRoles"), Map.of("auditChair", "ra-chair", "auditAuthor", "ra-author"));
    return reference;
  }

  private void reassign(String user, List<String> groups, Map<String, Object> form) {
    engine.getIdentityService().setAuthentication(user, groups);
    try {
      String definition = repository.createProcessDefinitionQuery().processDefinitionKey(AuditRoleReassignment.PROCESS_KEY)
          .latestVersion().singleResult().getId();
      forms.submitStartForm(definition, form);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private static Map<String, Object> form(String reference, String role, String newUser, String reason) {
    Map<String, Object> form = new HashMap<>();
    form.put("inspectionReference", reference);
    form.put("role", role);
    form.put("newUser", newUser);
    form.put("reason", reason);
    return form;
  }

  private ProcessInstance stage(String reference) {
    return calledProcess(reference, "audit-day-and-report");
  }

  @Test
  void theBusinessUnitReplacesAnIllChairFromTasklistAndTheChairsOpenTaskMoves() {
    String reference = atAuditDay();
    assertThat(task(reference, "Task_RecordAuditDay").getAssignee()).isEqualTo("ra-chair");
    moveClockTo("2027-06-01T09:30:00+01:00");

    reassign("bu", List.of("business-unit"), form(reference, "chair", "ra-chair2", "The Chair is ill"));

    assertThat(task(reference, "Task_RecordAuditDay").getAssignee()).isEqualTo("ra-chair2");
    assertThat(runtime.getVariable(stage(reference).getId(), "auditChair")).isEqualTo("ra-chair2");
    assertThat(roles.changes(reference)).singleElement().satisfies(change -> {
      assertThat(change.role()).isEqualTo("chair");
      assertThat(change.oldUser()).isEqualTo("ra-chair");
      assertThat(change.newUser()).isEqualTo("ra-chair2");
      assertThat(change.reason()).isEqualTo("The Chair is ill");
      assertThat(change.changedBy()).isEqualTo("bu");
      assertThat(change.changedAt()).isEqualTo(instant("2027-06-01T09:30:00+01:00"));
    });
    assertThat(outbox(reference, "audit-role-assigned")).singleElement()
        .satisfies(mail -> assertThat(mail.get("recipients")).isEqualTo("ra-chair2@test.example"));
    assertThat(outbox(reference, "audit-role-released")).singleElement()
        .satisfies(mail -> assertThat(mail.get("recipients")).isEqualTo("ra-chair@test.example"));

    // The Author too, before the draft exists: the draft task, when it opens, goes to the new Author.
    reassign("bu", List.of("business-unit"), form(reference, "author", "ra-author2", "Moved to another post"));
    assertThat(runtime.getVariable(stage(reference).getId(), "auditAuthor")).isEqualTo("ra-author2");
    assertThat(roles.changes(reference)).hasSize(2);
  }

  @Test
  void badInputOrAnyoneButTheBusinessUnitIsRefusedNamingTheFieldAndNothingChanges() {
    String reference = atAuditDay();

    assertThatThrownBy(() -> reassign("bu", List.of("business-unit"), form(reference, "chair", "ra-probation", "The Chair is ill")))
        .hasMessageContaining("newUser: the Audit Chair must be a person from a statutory partner");
    assertThatThrownBy(() -> reassign("bu", List.of("business-unit"), form(reference, "chair", "ra-chair", "Again")))
        .hasMessageContaining("newUser: is already the Audit Chair");
    assertThatThrownBy(() -> reassign("bu", List.of("business-unit"), form(reference, "treasurer", "ra-chair2", null)))
        .hasMessageContaining("role: must be one of author, chair").hasMessageContaining("reason: is required");
    assertThatThrownBy(() -> reassign("bu", List.of("business-unit"), form("JTAI-2027-05-NOSUCH", "chair", "ra-chair2", "Ill")))
        .hasMessageContaining("inspectionReference: is no inspection of this service");
    String notRunning = newReference();
    registerInspection(notRunning, "domestic-abuse", NOTIFIED);
    assertThatThrownBy(() -> reassign("bu", List.of("business-unit"), form(notRunning, "chair", "ra-chair2", "Ill")))
        .hasMessageContaining("inspectionReference: The Audit Day and report stage of " + notRunning + " is not running");
    for (String[] user : new String[][] {{"laim", "laim"}, {"police.lead", "police"}}) {
      assertThatThrownBy(() -> reassign(user[0], List.of(user[1]), form(reference, "chair", "ra-chair2", "The Chair is ill")))
          .as(user[0]).hasMessageContaining("does not have 'CREATE");
    }

    assertThat(task(reference, "Task_RecordAuditDay").getAssignee()).as("nothing changed").isEqualTo("ra-chair");
    assertThat(runtime.getVariable(stage(reference).getId(), "auditChair")).isEqualTo("ra-chair");
    assertThat(roles.changes(reference)).isEmpty();
    assertThat(outbox(reference, "audit-role-assigned")).isEmpty();
    assertThat(outbox(reference, "audit-role-released")).isEmpty();
  }
}
