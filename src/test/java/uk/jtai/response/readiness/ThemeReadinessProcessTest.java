package uk.jtai.response.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.support.BetweenInspectionsTestSupport;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.TestUsers;
import uk.jtai.response.tasks.SubmissionRejectedException;

/** bpmn/theme-readiness.bpmn: documentary evidence between inspections (guidance 7 and 12). */
class ThemeReadinessProcessTest extends BetweenInspectionsTestSupport {

  @Autowired ThemeRegistry themes;
  @Autowired ReadinessRepository readinessRuns;

  static final String ANNOUNCED = "2027-06-01T10:00:00+01:00";
  static final String DUE = "2027-06-30T17:00:00+01:00";
  static final List<String> AGENCIES = List.of("la", "police", "health", "probation", "education");

  @LocalServerPort int port;

  private String announce(String theme) {
    moveClockTo(ANNOUNCED);
    Map<String, Object> values = new HashMap<>();
    values.put("theme", theme);
    values.put("evidenceLocation", "CYSCP JTAI shared folder / " + theme);
    values.put("readinessDue", DUE);
    return startWithForm("theme-readiness", values).getBusinessKey();
  }

  private ProcessInstance readiness(String key) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).singleResult();
  }

  private Task checklist(String key, String agency) {
    return agencyTask(key, "Task_CompleteChecklist", agency);
  }

  private Task seniorTask(String key, String agency) {
    return tasks.createTaskQuery().processInstanceBusinessKey(key).taskCandidateGroup(agency + "-senior").singleResult();
  }

  private static void uploadedAndApproved(ObjectNode row) {
    row.put("uploaded", true).put("location", "Domestic abuse/" + row.get("document").asText()).put("seniorApproved", true);
  }

  private void returnChecklist(Task task, Consumer<ObjectNode> answers, String qualityAssurer) {
    Map<String, Object> values = new HashMap<>();
    values.put("evidenceChecklist", rowsChanged(task, "evidenceChecklist", answers));
    if (qualityAssurer != null) {
      values.put("qualityAssurer", qualityAssurer);
    }
    complete(task, values);
  }

  private void signOff(String key, String agency) {
    complete(seniorTask(key, agency), Map.of("signOffDecision", "sign-off", "formalSignOff", true));
  }

  private List<Map<String, String>> view(String key, String agency) {
    String name = Map.of("la", "Local Authority", "police", "Police", "health", "Health").get(agency);
    return table(task(key, "Task_TrackEvidence"), "evidenceStatus").stream().filter(row -> row.get("agency").equals(name)).toList();
  }

  private String state(String key, String agency) {
    return jdbc.queryForObject("select state from jtai_readiness_agency where readiness_key = ? and agency = ?", String.class, key, agency);
  }

  @Test
  void everyAgencyKeepsAChecklistPerDocumentAndItsSeniorSignsItOff() {
    String key = announce("domestic-abuse");
    assertThat(key).startsWith("READINESS-DOMESTIC-ABUSE-2027-06-01");
    ProcessInstance readiness = readiness(key);
    assertThat(readiness).isWaitingAt("Task_TrackEvidence", "Task_CompleteChecklist");
    for (String agency : AGENCIES) {
      Task task = checklist(key, agency);
      assertThat(task).as(agency).isNotNull();
      assertThat(task.getDueDate().toInstant()).isEqualTo(instant(DUE));
    }
    Task police = checklist(key, "police");
    assertThat(police.getName()).isEqualTo("Complete your documentary evidence checklist (Police)");
    assertThat(police.getDescription()).startsWith("Between inspections: documentary evidence for the theme");
    assertThat(rows(police, "evidenceChecklist")).extracting(row -> row.get("document").asText())
        .containsExactly("performance-information", "investigation", "risk-assessment", "protection-notices", "training");
    assertThat((String) tasks.getVariable(police.getId(), "checklistNote")).contains("CYSCP JTAI shared folder / domestic-abuse");
    List<Map<String, Object>> asked = outbox(key, "between-inspections-task");
    assertThat(asked).hasSize(AGENCIES.size());
    assertThat(asked).extracting(row -> row.get("recipients")).contains("police.lead@york.example,police.deputy@york.example");
    assertThat((String) asked.get(0).get("subject")).contains(key).contains("17:00 on Wednesday 30 June");
    assertThat((String) asked.get(0).get("body")).contains("https://jtai.test/camunda/app/tasklist/default/#/?task=");

    moveClockTo("2027-06-08T11:00:00+01:00");
    returnChecklist(police, row -> {
      if (row.get("document").asText().equals("protection-notices")) {
        row.put("uploaded", false).put("rationale", "Collated with the ICB's data; uploaded by Health");
      } else {
        uploadedAndApproved(row);
      }
    }, null);
    fireDueTimers(key);
    assertThat(view(key, "police")).extracting(row -> row.get("missing")).containsOnly("Formal sign-off awaited",
        "Not uploaded (rationale given); Formal sign-off awaited");
    assertThat(view(key, "health")).extracting(row -> row.get("missing")).containsOnly("Checklist not returned");

    Task senior = seniorTask(key, "police");
    assertThat(senior.getName()).isEqualTo("Give formal sign-off to the documentary evidence checklist (Police)");
    assertThat(rows(senior, "checklistView")).hasSize(5);
    assertThat(outbox(key, "between-inspections-task")).extracting(row -> row.get("recipients")).contains("police.senior@york.example");
    engine.getIdentityService().setAuthentication("acc.police", List.of("police-senior"));
    signOff(key, "police");
    engine.getIdentityService().clearAuthentication();
    fireDueTimers(key);

    assertThat(state(key, "police")).isEqualTo("SIGNED_OFF");
    assertThat(view(key, "police")).extracting(row -> row.get("missing"))
        .containsOnly("Nothing missing", "Not uploaded (rationale given)");
    assertThat(view(key, "police")).extracting(row -> row.get("signedOff")).containsOnly("8 June 2027 by acc.police");
    assertThat(readiness).isWaitingAt("Timer_RecheckDue", "Task_CompleteChecklist", "Task_TrackEvidence");
    assertThat(outbox(key, "task-overdue")).isEmpty();

    Task la = checklist(key, "la");
    ArrayNode formFieldsOnly = rows(la, "evidenceChecklist");
    formFieldsOnly.forEach(row -> {
      ObjectNode fields = (ObjectNode) row;
      fields.remove("document");
      fields.put("uploaded", true).put("seniorApproved", true).put("location", "Local Authority/" + row.get("title").asText());
    });
    complete(la, Map.of("evidenceChecklist", jsonValue(formFieldsOnly)));
    assertThat(state(key, "la")).as("rows sent back with the form's fields only are matched by title").isEqualTo("AWAITING_SIGN_OFF");
  }

  @Test
  void aSeniorReturnsTheChecklistWithAReasonAndSignsItOffOnceCorrected() {
    String key = announce("domestic-abuse");
    returnChecklist(checklist(key, "police"), row -> {
      uploadedAndApproved(row);
      if (row.get("document").asText().equals("training")) {
        row.put("seniorApproved", false);
      }
    }, null);
    fireDueTimers(key);

    Task senior = seniorTask(key, "police");
    assertThatThrownBy(() -> tasks.complete(senior.getId(), Map.of("signOffDecision", "sign-off", "formalSignOff", true)))
        .isInstanceOf(SubmissionRejectedException.class)
        .hasMessageContaining("signOffDecision: 1 uploaded document(s) are not approved by the senior authority "
            + "('Training on domestic abuse and its impact on children')");
    assertThatThrownBy(() -> tasks.complete(senior.getId(), Map.of("signOffDecision", "return")))
        .hasMessageContaining("returnReason: is required");

    complete(senior, Map.of("signOffDecision", "return", "returnReason", "The training record is last year's: upload the 2027 one"));
    fireDueTimers(key);
    assertThat(state(key, "police")).isEqualTo("RETURNED");
    assertThat(view(key, "police")).extracting(row -> row.get("missing"))
        .allMatch(missing -> missing.contains("Returned by the senior approver: The training record is last year's"));
    Task again = checklist(key, "police");
    assertThat((String) tasks.getVariable(again.getId(), "checklistNote"))
        .isEqualTo("Your senior approver returned the checklist: The training record is last year's: upload the 2027 one");
    assertThat(rows(again, "evidenceChecklist")).allMatch(row -> row.get("uploaded").asBoolean())
        .anyMatch(row -> row.get("location").asText().equals("Domestic abuse/training") && !row.get("seniorApproved").asBoolean());

    returnChecklist(again, ThemeReadinessProcessTest::uploadedAndApproved, null);
    fireDueTimers(key);
    signOff(key, "police");
    fireDueTimers(key);
    assertThat(state(key, "police")).isEqualTo("SIGNED_OFF");
    assertThat(readiness(key)).hasPassed("Task_SignOffEvidence").isWaitingAt("Timer_RecheckDue");
    assertThat(outbox(key, "between-inspections-task")).filteredOn(row -> row.get("recipients").equals("police.senior@york.example"))
        .hasSize(2);
  }

  @Test
  void threeMonthsAfterSignOffTheAgencyIsAskedToRecheckAndReconfirm() {
    String key = announce("domestic-abuse");
    moveClockTo("2027-06-10T11:00:00+01:00");
    returnChecklist(checklist(key, "police"), ThemeReadinessProcessTest::uploadedAndApproved, null);
    fireDueTimers(key);
    signOff(key, "police");
    fireDueTimers(key);

    moveClockTo("2027-09-10T10:59:00+01:00");
    fireDueTimers(key);
    assertThat(agencyTask(key, "Task_ReconfirmChecklist", "police")).as("not before three months").isNull();

    moveClockTo("2027-09-10T11:01:00+01:00");
    fireDueTimers(key);
    Task recheck = agencyTask(key, "Task_ReconfirmChecklist", "police");
    assertThat(recheck.getName()).isEqualTo("Re-check and re-confirm your documentary evidence (Police)");
    assertThat(recheck.getDueDate().toInstant()).as("10 working days").isEqualTo(instant("2027-09-24T17:00:00+01:00"));
    assertThat((String) tasks.getVariable(recheck.getId(), "checklistNote")).startsWith("Periodic re-check 1: check that each document");
    assertThat(rows(recheck, "evidenceChecklist")).allMatch(row -> row.get("uploaded").asBoolean() && row.get("seniorApproved").asBoolean());
    assertThat(state(key, "police")).isEqualTo("RECHECK_ASKED");
    assertThat(view(key, "police")).extracting(row -> row.get("missing")).containsOnly("Re-check not yet re-confirmed");
    assertThat(outbox(key, "between-inspections-task")).extracting(row -> (String) row.get("subject"))
        .anyMatch(subject -> subject.contains("Re-check and re-confirm your documentary evidence (Police)"));

    returnChecklist(recheck, row -> row.put("location", "Domestic abuse/2027-09/" + row.get("document").asText()), null);
    fireDueTimers(key);
    signOff(key, "police");
    fireDueTimers(key);
    assertThat(state(key, "police")).isEqualTo("SIGNED_OFF");
    assertThat(jdbc.queryForObject("select check_round from jtai_readiness_agency where readiness_key = ? and agency = 'police'",
        Integer.class, key)).isEqualTo(2);
    assertThat(readiness(key)).hasPassed("Task_ReconfirmChecklist", "Task_AskForRecheck").isWaitingAt("Timer_RecheckDue");
    assertThat(management.createJobQuery().processInstanceId(readiness(key).getId()).activityId("Timer_RecheckDue").singleResult()
        .getDuedate().toInstant()).as("the next cycle").isAfter(instant("2027-12-01T00:00:00Z"));
  }

  @Test
  void anAgencyMayAskAnotherToQualityAssureItsEvidence() throws Exception {
    String key = announce("domestic-abuse");
    Task police = checklist(key, "police");
    assertThat(rows(police, "qualityAssurerOptions")).extracting(row -> row.get("value").asText())
        .containsExactly("la", "health", "probation", "education");
    assertThatThrownBy(() -> returnChecklist(police, ThemeReadinessProcessTest::uploadedAndApproved, "police"))
        .hasMessageContaining("qualityAssurer: must be another agency of this theme");

    returnChecklist(police, ThemeReadinessProcessTest::uploadedAndApproved, "health");
    fireDueTimers(key);
    signOff(key, "police");
    fireDueTimers(key);
    Task assurance = task(key, "Task_QualityAssureEvidence");
    assertThat(assurance.getName()).isEqualTo("Quality-assure this agency's documentary evidence (Police)");
    assertThat(tasks.createTaskQuery().taskId(assurance.getId()).taskCandidateGroup("health").count()).isEqualTo(1);
    assertThat(tasks.getVariable(assurance.getId(), "evidenceOf")).isEqualTo("Police");
    assertThat(outbox(key, "between-inspections-task")).extracting(row -> row.get("recipients"))
        .contains("health.lead@york.example,health.deputy@york.example");
    assertThat(view(key, "police")).extracting(row -> row.get("missing")).containsOnly("Quality assurance by Health awaited");

    assertThatThrownBy(() -> tasks.complete(assurance.getId(), Map.of("qualityAssurance", "concerns")))
        .hasMessageContaining("qualityComments: is required");
    complete(assurance, Map.of("qualityAssurance", "concerns", "qualityComments", "The risk assessment policy is the 2024 version"));
    fireDueTimers(key);
    Task again = checklist(key, "police");
    assertThat((String) tasks.getVariable(again.getId(), "checklistNote"))
        .isEqualTo("Health quality-assured your evidence and raised concerns: The risk assessment policy is the 2024 version");

    returnChecklist(again, ThemeReadinessProcessTest::uploadedAndApproved, "health");
    fireDueTimers(key);
    signOff(key, "police");
    fireDueTimers(key);
    complete(task(key, "Task_QualityAssureEvidence"), Map.of("qualityAssurance", "assured"));
    fireDueTimers(key);
    assertThat(state(key, "police")).isEqualTo("SIGNED_OFF");
    assertThat(readiness(key)).isWaitingAt("Timer_RecheckDue");
    List<List<String>> sheet = csv(Http.as(port, bu(), TestUsers.PASSWORD).get("/api/readiness/" + key + "/evidence.csv"));
    assertThat(sheet).filteredOn(line -> line.get(0).equals("Police")).allMatch(line -> line.get(8).equals("Assured by Health"));
  }

  @Test
  void aChecklistNotReturnedByTheDeadlineIsEscalatedToTheAgencyAndTheBusinessUnitAndStaysOpen() {
    String key = announce("domestic-abuse");
    moveClockTo("2027-06-30T16:59:00+01:00");
    assertThat(fireDueTimers(key)).isZero();
    moveClockTo("2027-06-30T17:00:01+01:00");
    assertThat(fireDueTimers(key)).isEqualTo(AGENCIES.size());
    List<Map<String, Object>> escalations = outbox(key, "task-overdue");
    assertThat(escalations).hasSize(AGENCIES.size());
    assertThat(escalations).extracting(row -> row.get("recipients"))
        .contains("police.lead@york.example,police.deputy@york.example,cyscp@york.gov.uk");
    assertThat((String) escalations.get(0).get("body")).contains("17:00 on Wednesday 30 June")
        .contains("Complete your documentary evidence checklist");
    assertThat(checklist(key, "police")).as("the task stays open").isNotNull();
  }

  @Test
  void aLateSignOffQualityAssuranceOrRecheckIsEscalatedTooAndStaysOpen() {
    String key = announce("domestic-abuse");
    moveClockTo("2027-06-10T11:00:00+01:00");
    returnChecklist(checklist(key, "police"), ThemeReadinessProcessTest::uploadedAndApproved, "health");
    fireDueTimers(key);
    moveClockTo("2027-06-30T17:00:01+01:00");
    fireDueTimers(key);
    assertThat(outbox(key, "task-overdue")).extracting(row -> row.get("recipients"))
        .as("the senior approver, by the Business Unit's deadline").contains("police.senior@york.example,cyscp@york.gov.uk");
    assertThat(seniorTask(key, "police")).isNotNull();

    moveClockTo("2027-07-01T10:00:00+01:00");
    signOff(key, "police");
    fireDueTimers(key);
    Task assurance = task(key, "Task_QualityAssureEvidence");
    assertThat(assurance.getDueDate().toInstant()).as("10 working days after the deadline passed")
        .isEqualTo(instant("2027-07-15T17:00:00+01:00"));
    moveClockTo("2027-07-15T17:00:01+01:00");
    fireDueTimers(key);
    assertThat(outbox(key, "task-overdue")).filteredOn(row -> ((String) row.get("subject")).contains("Quality-assure"))
        .extracting(row -> row.get("recipients")).containsExactly("cyscp@york.gov.uk");
    complete(task(key, "Task_QualityAssureEvidence"), Map.of("qualityAssurance", "assured"));
    fireDueTimers(key);

    moveClockTo("2027-10-16T09:00:00+01:00");
    fireDueTimers(key);
    Task recheck = agencyTask(key, "Task_ReconfirmChecklist", "police");
    assertThat(recheck).isNotNull();
    moveClockTo("2027-11-05T17:00:01+00:00");
    fireDueTimers(key);
    assertThat(outbox(key, "task-overdue")).filteredOn(row -> ((String) row.get("subject")).contains("Re-check and re-confirm"))
        .extracting(row -> row.get("recipients")).containsExactly("police.lead@york.example,police.deputy@york.example,cyscp@york.gov.uk");
    assertThat(agencyTask(key, "Task_ReconfirmChecklist", "police")).as("the task stays open").isNotNull();
    assertThat(readiness(key)).hasPassed("Task_EscalateSignOff", "Task_EscalateQualityAssurance", "Task_EscalateReconfirm");
  }

  @Test
  void aChecklistAnswersEveryDocumentUploadedAndWhereOrWhyNot() {
    String key = announce("domestic-abuse");
    Task police = checklist(key, "police");
    ArrayNode rows = rows(police, "evidenceChecklist");
    ((ObjectNode) rows.get(0)).put("uploaded", true).put("location", " ");
    ((ObjectNode) rows.get(1)).put("uploaded", false).put("rationale", "");
    ((ObjectNode) rows.get(2)).put("uploaded", false).put("rationale", "Not written yet").put("seniorApproved", true);
    ((ObjectNode) rows.get(3)).put("uploaded", true).put("location", "x".repeat(301));
    rows.remove(4);
    rows.addObject().put("document", "strategy").put("uploaded", true).put("location", "Elsewhere");

    assertThatThrownBy(() -> tasks.complete(police.getId(), Map.of("evidenceChecklist", jsonValue(rows))))
        .isInstanceOf(SubmissionRejectedException.class)
        .hasMessageContaining("evidenceChecklist[0].location: 'Performance and management information on domestic abuse incidents "
            + "and crimes in families with children': say where it is uploaded")
        .hasMessageContaining("evidenceChecklist[1].rationale: 'Arrangements for investigating domestic abuse in families with "
            + "children, and their quality assurance': not uploaded, so give the rationale")
        .hasMessageContaining("evidenceChecklist[2].seniorApproved:")
        .hasMessageContaining("not uploaded, so it cannot have been approved")
        .hasMessageContaining("evidenceChecklist[3].location:")
        .hasMessageContaining("at most 300 characters")
        .hasMessageContaining("evidenceChecklist[4].document: row 5 is not a document of your checklist")
        .hasMessageContaining("evidenceChecklist: 'Training on domestic abuse and its impact on children' is not answered");
    assertThat(checklist(key, "police")).isNotNull();
    assertThat(state(key, "police")).isEqualTo("ASKED");
  }

  @Test
  void onlyTheBusinessUnitStartsReadinessAndDownloadsWhatIsMissing() throws Exception {
    TestUsers.ensure(engine.getIdentityService(), "readiness-police", "police");
    Http police = Http.as(port, "readiness-police", TestUsers.PASSWORD);
    Http businessUnit = Http.as(port, bu(), TestUsers.PASSWORD);
    moveClockTo(ANNOUNCED);
    String form = "{\"variables\":{\"theme\":{\"value\":\"serious-youth-violence\"},"
        + "\"evidenceLocation\":{\"value\":\"Shared folder / SYV\"},\"readinessDue\":{\"value\":\"" + DUE + "\"}}}";
    assertThat(police.post("/engine-rest/process-definition/key/theme-readiness/submit-form", form).statusCode()).isEqualTo(403);
    HttpResponse<String> started = businessUnit.post("/engine-rest/process-definition/key/theme-readiness/submit-form", form);
    assertThat(started.statusCode()).isEqualTo(200);
    String key = new com.fasterxml.jackson.databind.ObjectMapper().readTree(started.body()).get("businessKey").asText();
    assertThat(key).startsWith("READINESS-SERIOUS-YOUTH-VIOLENCE-");
    assertThat(agencyTask(key, "Task_CompleteChecklist", "yjs")).as("the theme's agencies, from its file").isNotNull();

    HttpResponse<String> download = businessUnit.get("/api/readiness/" + key + "/evidence.csv");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
    assertThat(download.headers().firstValue("Cache-Control")).hasValue("no-store");
    List<List<String>> sheet = csv(download);
    assertThat(sheet.get(0)).startsWith("Agency", "Document", "What is missing");
    assertThat(sheet).filteredOn(line -> line.get(0).equals("Youth Justice Service")).hasSize(4)
        .allMatch(line -> line.get(2).equals("Checklist not returned"));
    assertThat(police.get("/api/readiness/" + key + "/evidence.csv").statusCode()).isEqualTo(403);
    assertThat(Http.anonymous(port).get("/api/readiness/" + key + "/evidence.csv").statusCode()).isEqualTo(401);
    assertThat(businessUnit.get("/api/readiness/READINESS-NONE/evidence.csv").statusCode()).isEqualTo(404);
  }

  @Test
  void aStartIsRefusedForAnUnknownThemeAPastDeadlineOrAThemeAlreadyBeingReadied() {
    String key = announce("domestic-abuse");
    Map<String, Object> values = new HashMap<>();
    values.put("theme", "domestic-abuse");
    values.put("evidenceLocation", " ");
    values.put("readinessDue", "2027-05-31T17:00:00+01:00");
    assertThatThrownBy(() -> startWithForm("theme-readiness", values))
        .isInstanceOf(SubmissionRejectedException.class)
        .hasMessageContaining("theme: readiness for 'Children who are victims of domestic abuse' is already running (" + key + ")")
        .hasMessageContaining("evidenceLocation: is required")
        .hasMessageContaining("readinessDue: must be ahead of now");
    values.put("theme", "knife-crime");
    assertThatThrownBy(() -> startWithForm("theme-readiness", values)).hasMessageContaining("theme: unknown theme 'knife-crime'");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("theme-readiness").count()).isEqualTo(1);
  }

  @Test
  void twoStartsOfOneThemeThatRaceAreRefusedByTheDatabaseAndTheSecondKeepsNothing() {
    // Both starts passed the "already running?" query before either committed: the second insert meets
    // the first's row, is refused as the query would have refused it, and leaves nothing of itself.
    Theme theme = themes.find("domestic-abuse").orElseThrow();
    moveClockTo(ANNOUNCED);
    readinessRuns.insertRun("READINESS-RACE-1", theme, "shared folder", "bu", EngineTime.now());
    assertThatThrownBy(() -> readinessRuns.insertRun("READINESS-RACE-2", theme, "shared folder", "bu2", EngineTime.now()))
        .isInstanceOf(SubmissionRejectedException.class)
        .hasMessageContaining("theme: readiness for 'Children who are victims of domestic abuse' was started by someone else a moment ago");
    assertThat(readinessRuns.exists("READINESS-RACE-2")).isFalse();

    readinessRuns.close("READINESS-RACE-1", "test over", EngineTime.now());
    readinessRuns.insertRun("READINESS-RACE-3", theme, "shared folder", "bu", EngineTime.now());
    assertThat(readinessRuns.openRunOf("domestic-abuse")).hasValue("READINESS-RACE-3");
  }

  @Test
  void theBusinessUnitClosesReadinessWhenTheThemeIsReplaced() {
    String key = announce("domestic-abuse");
    Task track = task(key, "Task_TrackEvidence");
    assertThatThrownBy(() -> tasks.complete(track.getId(), Map.of("closeReason", "New theme")))
        .hasMessageContaining("closeReadiness: tick it only to close readiness for this theme");
    complete(track, Map.of("closeReadiness", true, "closeReason", "Child sexual abuse in the family environment announced"));

    assertThat(readiness(key)).isNull();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(key).singleResult().getEndActivityId())
        .isEqualTo("Event_ReadinessClosed");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(key).count()).isZero();
    assertThat(jdbc.queryForObject("select closed_reason from jtai_readiness where readiness_key = ?", String.class, key))
        .isEqualTo("Child sexual abuse in the family environment announced");
    assertThat(announce("domestic-abuse")).as("a new run on the theme may start").isNotEqualTo(key);
  }

  private String bu() {
    TestUsers.ensure(engine.getIdentityService(), "readiness-bu", "business-unit");
    return "readiness-bu";
  }

  private static List<List<String>> csv(HttpResponse<String> response) throws java.io.IOException {
    try (var parser = org.apache.commons.csv.CSVParser.parse(response.body().replace("\uFEFF", ""), org.apache.commons.csv.CSVFormat.EXCEL)) {
      return parser.getRecords().stream().map(record -> record.toList()).toList();
    }
  }
}
