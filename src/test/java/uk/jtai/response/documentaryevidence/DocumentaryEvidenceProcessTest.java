package uk.jtai.response.documentaryevidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * bpmn/documentary-evidence.bpmn: from the announcement each agency's senior approves its documentary evidence and the
 * agency uploads it to its inspectorate portal and the shared project space (guidance 7.11 to 7.12), by 17:00 on day 7.
 * Notified Monday 24 May 2027: day 7 is Wednesday 2 June (31 May is a bank holiday), day 11 Tuesday 8 June.
 */
class DocumentaryEvidenceProcessTest extends ProcessTestSupport {

  static final String NOTIFIED = "2027-05-24T09:10:00+01:00";
  static final List<String> AGENCIES = List.of("la", "police", "health", "probation", "education");
  static final Map<String, Object> UPLOADED = Map.of("uploadedToPortal", true, "uploadedToProjectSpace", true,
      "contactsHaveAccess", true);
  static final Date EVIDENCE_DUE = Date.from(instant("2027-06-02T17:00:00+01:00"));

  @Test
  void fromTheAnnouncementEachSeniorApprovesThenTheAgencyUploads() {
    String reference = newReference();
    ProcessInstance stage = startStage("documentary-evidence", reference, "domestic-abuse", NOTIFIED);
    assertThat(stage).hasBusinessKey(reference).isWaitingAt("Task_ApproveEvidence", "Timer_EvidenceStageCloses");
    for (String agency : AGENCIES) {
      assertThat(agencyTask(reference, "Task_ApproveEvidence", agency + "-senior")).as(agency)
          .hasCandidateGroup(agency + "-senior").hasDueDate(EVIDENCE_DUE);
    }
    assertThat(openTasks(reference, "Task_UploadEvidence")).as("nothing is uploaded before the senior approves (7.12)").isEmpty();

    complete(agencyTask(reference, "Task_ApproveEvidence", "police-senior"), Map.of("evidenceApproved", true));
    Task upload = agencyTask(reference, "Task_UploadEvidence", "police");
    assertThat(upload).hasCandidateGroup("police").hasDueDate(EVIDENCE_DUE);
    assertThat(openTasks(reference, "Task_UploadEvidence")).as("only the approved agency's").hasSize(1);

    for (String agency : AGENCIES) {
      if (!agency.equals("police")) {
        complete(agencyTask(reference, "Task_ApproveEvidence", agency + "-senior"), Map.of("evidenceApproved", true));
      }
      complete(agencyTask(reference, "Task_UploadEvidence", agency), UPLOADED);
    }
    assertThat(stage).hasPassed("Event_AgencyEvidenceUploaded", "Event_AllEvidenceUploaded")
        .hasNotPassed("Task_EscalateEvidenceApproval", "Task_EscalateEvidenceUpload", "Task_CloseEvidenceStage").isEnded();
    assertThat(management.createJobQuery().processInstanceId(stage.getId()).count()).as("the closing timer went with it").isZero();
  }

  @Test
  void anUploadNotConfirmedInFullIsRefusedAndChangesNothing() {
    String reference = newReference();
    ProcessInstance stage = startStage("documentary-evidence", reference, "domestic-abuse", NOTIFIED);
    assertThatThrownBy(() -> tasks.complete(agencyTask(reference, "Task_ApproveEvidence", "health-senior").getId(),
        Map.of("evidenceApproved", false))).hasMessageContaining("evidenceApproved: confirm you approve");
    complete(agencyTask(reference, "Task_ApproveEvidence", "health-senior"), Map.of("evidenceApproved", true));
    Task upload = agencyTask(reference, "Task_UploadEvidence", "health");

    assertThatThrownBy(() -> tasks.complete(upload.getId(), Map.of("uploadedToPortal", true)))
        .hasMessageContaining("uploadedToProjectSpace: confirm the evidence is uploaded to the shared project space")
        .hasMessageContaining("contactsHaveAccess: confirm your named contacts can access the shared project space");
    assertThatThrownBy(() -> tasks.complete(upload.getId(), Map.of("uploadedToPortal", true, "uploadedToProjectSpace", true,
        "contactsHaveAccess", true, "childName", "A child")))
        .hasMessageContaining("childName");
    assertThat(agencyTask(reference, "Task_UploadEvidence", "health")).as("still open").isNotNull();
    assertThat(tasks.getVariable(upload.getId(), "uploadedToPortal")).as("nothing recorded").isNull();
    assertThat(stage).isWaitingAt("Task_UploadEvidence").hasNotPassed("Event_AgencyEvidenceUploaded");
  }

  @Test
  void atDay7EachMissingStepIsEscalatedOnceAndStaysOpenToBeDoneLate() {
    String reference = newReference();
    ProcessInstance stage = startStage("documentary-evidence", reference, "domestic-abuse", NOTIFIED);
    for (String agency : List.of("la", "health", "education", "police")) {
      complete(agencyTask(reference, "Task_ApproveEvidence", agency + "-senior"), Map.of("evidenceApproved", true));
    }
    for (String agency : List.of("la", "health", "education")) {
      complete(agencyTask(reference, "Task_UploadEvidence", agency), UPLOADED);
    }
    moveClockTo("2027-06-02T16:59:59+01:00");
    assertThat(fireDueTimers(reference)).as("not before 17:00").isZero();
    moveClockTo("2027-06-02T17:00:01+01:00");
    assertThat(fireDueTimers(reference)).as("probation's approval, the police's upload").isEqualTo(2);
    assertThat(stage).hasPassed("Task_EscalateEvidenceApproval", "Task_EscalateEvidenceUpload")
        .isWaitingAt("Task_ApproveEvidence", "Task_UploadEvidence");

    List<Map<String, Object>> escalations = outbox(reference, "task-overdue");
    assertThat(escalations).hasSize(2);
    assertThat(escalations).filteredOn(row -> ((String) row.get("subject")).contains("Approve the documentary evidence"))
        .singleElement().satisfies(row -> assertThat(row.get("recipients")).isEqualTo("probation.senior@york.example,cyscp@york.gov.uk"));
    assertThat(escalations).filteredOn(row -> ((String) row.get("subject")).contains("Upload the approved documentary evidence"))
        .singleElement().satisfies(row -> assertThat(row.get("recipients"))
            .isEqualTo("police.lead@york.example,police.deputy@york.example,police.senior@york.example,cyscp@york.gov.uk"));

    moveClockTo("2027-06-03T10:00:00+01:00");
    complete(agencyTask(reference, "Task_UploadEvidence", "police"), UPLOADED);
    complete(agencyTask(reference, "Task_ApproveEvidence", "probation-senior"), Map.of("evidenceApproved", true));
    complete(agencyTask(reference, "Task_UploadEvidence", "probation"), UPLOADED);
    assertThat(stage).hasPassed("Event_AllEvidenceUploaded").isEnded();
    assertThat(outbox(reference, "task-overdue")).as("escalated once each").hasSize(2);
  }

  @Test
  void whenFieldworkStartsWhatIsStillOpenIsRecordedAsMissedAndWithdrawn() {
    String reference = newReference();
    // Driven from the notification: the misses are named on the running jtai-inspection (Cockpit).
    startInspection(reference, "domestic-abuse", NOTIFIED);
    ProcessInstance stage = calledProcess(reference, "documentary-evidence");
    for (String agency : List.of("la", "police", "health", "probation")) {
      complete(agencyTask(reference, "Task_ApproveEvidence", agency + "-senior"), Map.of("evidenceApproved", true));
      if (!agency.equals("health")) {
        complete(agencyTask(reference, "Task_UploadEvidence", agency), UPLOADED);
      }
    }
    moveClockTo("2027-06-02T17:00:01+01:00"); // EVIDENCE_DUE, day 7
    fireDueTimers(reference);
    assertThat(stage).isWaitingAt("Task_ApproveEvidence", "Task_UploadEvidence", "Timer_EvidenceStageCloses");
    moveClockTo("2027-06-08T09:00:01+01:00"); // FIELDWORK_START, day 11
    fireDueTimers(reference);

    assertThat(stage).hasPassed("Timer_EvidenceStageCloses", "Task_CloseEvidenceStage", "Event_EvidenceStageClosed")
        .hasNotPassed("Event_AllEvidenceUploaded").isEnded();
    assertThat(openTasks(reference, "Task_ApproveEvidence")).as("education's approval withdrawn").isEmpty();
    assertThat(openTasks(reference, "Task_UploadEvidence")).as("health's upload withdrawn").isEmpty();
    String missed = (String) runtime.getVariable(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey("jtai-inspection").singleResult().getId(), "missedDeadlines");
    assertThat(missed).contains("EVIDENCE_DUE (Documentary evidence and management information provided to the inspectors): Education",
        "EVIDENCE_DUE (Documentary evidence and management information provided to the inspectors): Health");
    // Each was escalated once at day 7, to whom the step is: education's senior, health's lead contact and deputy.
    assertThat(outbox(reference, "task-overdue")).filteredOn(row -> ((String) row.get("subject")).contains("Approve the documentary evidence"))
        .singleElement().satisfies(row -> assertThat(row.get("recipients")).isEqualTo("education.senior@york.example,cyscp@york.gov.uk"));
    assertThat(outbox(reference, "task-overdue")).filteredOn(row -> ((String) row.get("subject")).contains("Upload the approved documentary evidence"))
        .singleElement().satisfies(row -> assertThat((String) row.get("recipients")).startsWith("health.lead@york.example"));
  }
}
