package uk.jtai.response.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * The Business Unit takes an agency that is not part of a stage out of it, from Tasklist's start form
 * (bpmn/take-agency-out.bpmn, issue 16): its share of the stage is withdrawn, the other agencies' work and
 * the stage go on, the change is recorded and the agency told; bad input and anyone but the Business Unit
 * are refused and change nothing.
 */
class TakeAgencyOutProcessTest extends ProcessTestSupport {

  private static final String NOTIFIED = "2027-05-24T09:10:00+01:00";

  @Autowired StageWithdrawals withdrawals;

  private void takeOut(String user, List<String> groups, Map<String, Object> form) {
    engine.getIdentityService().setAuthentication(user, groups);
    try {
      String definition = repository.createProcessDefinitionQuery().processDefinitionKey(AgencyWithdrawal.PROCESS_KEY)
          .latestVersion().singleResult().getId();
      forms.submitStartForm(definition, form);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private static Map<String, Object> form(String reference, String stage, String agency, String reason) {
    Map<String, Object> form = new HashMap<>();
    form.put("inspectionReference", reference);
    form.put("stage", stage);
    form.put("agency", agency);
    form.put("withdrawalReason", reason);
    return form;
  }

  private List<Object> agenciesWith(String reference, String taskKey) {
    return openTasks(reference, taskKey).stream().map(t -> tasks.getVariable(t.getId(), "agency")).toList();
  }

  @Test
  void anAgencyTakenOutOfTheFieldworkWeekMeetingsIsNoLongerAwaitedAndTheStageEndsWithoutIt() {
    String reference = newReference();
    ProcessInstance meetings = startStage("fieldwork-meetings", reference, "domestic-abuse", NOTIFIED);
    assertThat(agenciesWith(reference, "Task_GiveFieldworkMeetings")).contains("education", "police");
    int before = agenciesWith(reference, "Task_GiveFieldworkMeetings").size();

    moveClockTo("2027-05-24T11:00:00+01:00");
    takeOut("bu", List.of("business-unit"), form(reference, "fieldwork-meetings", "Education",
        "Education holds no multi-agency meetings in the fieldwork week"));

    assertThat(agenciesWith(reference, "Task_GiveFieldworkMeetings")).hasSize(before - 1).doesNotContain("education");
    assertThat(withdrawals.of(reference)).singleElement().satisfies(w -> {
      assertThat(w.stage()).isEqualTo("fieldwork-meetings");
      assertThat(w.agency()).isEqualTo("education");
      assertThat(w.tasksWithdrawn()).isEqualTo(1);
      assertThat(w.withdrawnBy()).isEqualTo("bu");
      assertThat(w.withdrawnAt()).isEqualTo(instant("2027-05-24T11:00:00+01:00"));
    });
    List<Map<String, Object>> told = outbox(reference, "agency-taken-out");
    assertThat(told).singleElement().satisfies(mail -> {
      assertThat(mail.get("RECIPIENTS")).isEqualTo("education.lead@york.example,education.deputy@york.example");
      assertThat((String) mail.get("SUBJECT")).contains("Education taken out of Multi-agency meetings in the fieldwork week");
      assertThat((String) mail.get("BODY")).doesNotContain("holds no multi-agency meetings");
    });

    // Every other agency gives its meetings: the stage ends without Education, and nothing escalates it.
    for (Task task : openTasks(reference, "Task_GiveFieldworkMeetings")) {
      complete(task, Map.of("noMeetings", true, "sentToLeadInspector", true));
    }
    assertThat(meetings).isEnded();
    fireDueTimers(reference);
    assertThat(outbox(reference, "task-overdue")).isEmpty();
  }

  @Test
  void anAgencyTakenOutOfTheDocumentaryEvidenceLosesItsSeniorsApprovalAndTheStageEndsWithoutIt() {
    String reference = newReference();
    ProcessInstance evidence = startStage("documentary-evidence", reference, "domestic-abuse", NOTIFIED);
    takeOut("bu", List.of("business-unit"), form(reference, "documentary-evidence", "Education",
        "Education has no documentary evidence for this theme"));
    assertThat(agenciesWith(reference, "Task_ApproveEvidence")).hasSize(4).doesNotContain("education");
    assertThat(withdrawals.of(reference)).singleElement().satisfies(w -> assertThat(w.tasksWithdrawn()).isEqualTo(1));

    for (Task approval : openTasks(reference, "Task_ApproveEvidence")) {
      complete(approval, Map.of("evidenceApproved", true));
    }
    for (Task upload : openTasks(reference, "Task_UploadEvidence")) {
      complete(upload, Map.of("uploadedToPortal", true, "uploadedToProjectSpace", true, "contactsHaveAccess", true));
    }
    assertThat(evidence).isEnded();
    assertThat(outbox(reference, "task-overdue")).isEmpty();
  }

  @Test
  void theLastAgencyStillAwaitedTakenOutEndsTheStage() {
    String reference = newReference();
    ProcessInstance meetings = startStage("fieldwork-meetings", reference, "domestic-abuse", NOTIFIED);
    for (Task task : openTasks(reference, "Task_GiveFieldworkMeetings")) {
      if (!"probation".equals(tasks.getVariable(task.getId(), "agency"))) {
        complete(task, Map.of("noMeetings", true, "sentToLeadInspector", true));
      }
    }
    assertThat(meetings).isActive();
    takeOut("bu", List.of("business-unit"), form(reference, "fieldwork-meetings", "probation",
        "Probation's meetings are covered by the police's MAPPA list"));
    assertThat(meetings).isEnded();
  }

  @Test
  void anAgencysPerChildWorkGoesWithItsShareOfTheStage() {
    String reference = newReference();
    startStage("child-selection", reference, "domestic-abuse", NOTIFIED, "2027-05-26T10:00:00+01:00");
    complete(task(reference, "Task_RecordFirstSelection"), Map.of("firstSelectionEntry",
        uk.jtai.response.support.ChildData.lines(uk.jtai.response.support.ChildData.references(640, 20))));
    assertThat(agenciesWith(reference, "Task_ReturnKnownToAgency")).contains("probation");
    takeOut("bu", List.of("business-unit"), form(reference, "child-selection", "Probation",
        "Probation supervises none of the adults in these families"));
    assertThat(agenciesWith(reference, "Task_ReturnKnownToAgency")).doesNotContain("probation").isNotEmpty();
  }

  @Test
  void badInputOrAnyoneButTheBusinessUnitIsRefusedAndNothingChanges() {
    String reference = newReference();
    startStage("fieldwork-meetings", reference, "domestic-abuse", NOTIFIED);
    int open = openTasks(reference, "Task_GiveFieldworkMeetings").size();

    assertThatThrownBy(() -> takeOut("bu", List.of("business-unit"), form("JTAI-2027-05-NOSUCH", "fieldwork-meetings", "Education",
        "Not part of the fieldwork week"))).hasMessageContaining("inspectionReference: is no inspection of this service");
    assertThatThrownBy(() -> takeOut("bu", List.of("business-unit"), form(reference, "case-audit", "Education",
        "Not part of the case audits"))).hasMessageContaining("stage: is not running for " + reference);
    assertThatThrownBy(() -> takeOut("bu", List.of("business-unit"), form(reference, "annex-a", "Education",
        "Not part of Annex A"))).hasMessageContaining("stage: must be one of");
    assertThatThrownBy(() -> takeOut("bu", List.of("business-unit"), form(reference, "fieldwork-meetings", "Fire Service",
        "Not part of the fieldwork week"))).hasMessageContaining("agency: is no agency of the partnership");
    assertThatThrownBy(() -> takeOut("bu", List.of("business-unit"), form(reference, "fieldwork-meetings", "Youth Justice Service",
        "Not named for this theme"))).hasMessageContaining("agency: has nothing open in this stage");
    assertThatThrownBy(() -> takeOut("bu", List.of("business-unit"), form(reference, "fieldwork-meetings", "Education", "no")))
        .hasMessageContaining("withdrawalReason: must say why");
    assertThatThrownBy(() -> takeOut("bu", List.of("business-unit"), form(reference, "fieldwork-meetings", "Education", null)))
        .hasMessageContaining("withdrawalReason: is required");
    for (String[] user : new String[][] {{"education.lead", "education"}, {"laim", "laim"}, {"dcs", "dcs"}}) {
      assertThatThrownBy(() -> takeOut(user[0], List.of(user[1]), form(reference, "fieldwork-meetings", "Education",
          "We would rather not take part"))).as(user[0]).hasMessageContaining("does not have 'CREATE");
    }

    assertThat(openTasks(reference, "Task_GiveFieldworkMeetings")).hasSize(open);
    assertThat(withdrawals.of(reference)).isEmpty();
    assertThat(outbox(reference, "agency-taken-out")).isEmpty();
  }
}
