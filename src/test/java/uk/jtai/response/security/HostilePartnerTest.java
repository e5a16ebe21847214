package uk.jtai.response.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.support.AsDemoUsers;
import uk.jtai.response.support.ChildData;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.Multipart;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TasklistSession;
import uk.jtai.response.support.TestUsers;

/**
 * Every role tries, over {@code /engine-rest} and Tasklist's own door, to write or read what is not
 * theirs: another agency's known-to-agency sheet and audit report approval, its own task with values its
 * form does not have, claims for someone else, and every generic endpoint family (variables, history,
 * form fields, messages, signals, modification, jobs, deployments, filters, comments). Each attempt must
 * be refused, or, for a read that answers, answer nothing child-level; afterwards the state read back is
 * what it was. The matrix of attempts is printed.
 */
class HostilePartnerTest extends ProcessTestSupport {

  @LocalServerPort int port;
  @Autowired Partnership partnership;

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Map<String, int[]>> matrix = new TreeMap<>();
  private final List<String> notRefused = new ArrayList<>();
  private List<String> children;
  private String sheets;
  private String approvals;
  private String evidence;
  private List<String> instances;
  private List<String> finishedTasks;

  @Test
  void noRoleWritesOrReadsWhatIsNotTheirsThroughAnyDoorOfTheEngine() throws Exception {
    AsDemoUsers demo = new AsDemoUsers(engine, partnership);
    children = ChildData.references(714, 20);

    // Inspection 1 at its known-to-agency sheets: every agency's is open but Health's, which answered Yes throughout.
    sheets = newReference();
    startInspection(sheets, "domestic-abuse", "2027-05-24T09:10:00+01:00");
    finishNotificationCascadeAndMeetings(sheets);
    submitAnnexA(sheets);
    moveClockTo("2027-05-26T10:00:00+01:00");
    complete(task(sheets, "Task_RecordFirstSelection"), Map.of("firstSelectionEntry", ChildData.lines(children)));
    Task healthSheet = agencyTask(sheets, "Task_ReturnKnownToAgency", "health");
    complete(healthSheet, Map.of("knownToAgencyAnswers", rows(healthSheet, "yes")));
    fireDueTimers(sheets);

    // Inspection 2 at the audit report's approvals: version 1 shared, each statutory partner to approve it.
    approvals = newReference();
    reachWeek2(approvals, "domestic-abuse", "2027-06-07T09:10:00+01:00", 20, 6);
    runAuditsAndAppointRoles(approvals, "police.lead", "bu");
    completeAll(approvals, "Task_RecordAuditDay", Map.of("auditDayHeld", true,
        "attendedAgencies", SpinValues.jsonValue("[\"police\"]").create()));
    completeAll(approvals, "Task_UploadReportDraft", Map.of("newReportVersion", 1, "newReportLocation", "Report v1"));
    assertThat(openTasks(approvals, "Task_ApproveAuditReport")).hasSize(3);

    // Inspection 3 on day 1, its documentary evidence (7.11-7.12): the Police's senior has approved, so the Police's
    // upload is open; every other agency's senior is still to approve.
    evidence = newReference();
    startInspection(evidence, "domestic-abuse", "2027-06-21T09:10:00+01:00");
    complete(agencyTask(evidence, "Task_ApproveEvidence", "police-senior"), Map.of("evidenceApproved", true));
    assertThat(openTasks(evidence, "Task_UploadEvidence")).hasSize(1);

    instances = new ArrayList<>();
    for (String reference : List.of(sheets, approvals, evidence)) {
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).list().forEach(p -> instances.add(p.getId()));
    }
    // Every agency's finished tasks in these inspections, whose history holds the values their forms submitted.
    finishedTasks = history.createHistoricTaskInstanceQuery().processInstanceBusinessKeyIn(sheets, approvals, evidence).finished()
        .list().stream().map(HistoricTaskInstance::getId).toList();
    assertThat(history.createHistoricVariableInstanceQuery().taskIdIn(finishedTasks.toArray(String[]::new)).count())
        .as("the finished tasks' own fields in history, which no partner may read").isPositive();
    Map<String, Object> before = state();

    for (String user : demoUsers(demo)) {
      Http as = Http.as(port, user, TestUsers.PASSWORD);
      Set<String> groups = Set.copyOf(demo.groupsOf(user));
      attackOtherAgenciesTasks(user, as, groups);
      attackOwnTasks(user, as, groups);
      attackOwnEvidenceTasks(user, as, groups);
      attackGenericEndpoints(user, as);
      attackProductApi(user, as, groups);
    }

    printMatrix();
    assertThat(notRefused).as("attempts that were not refused").isEmpty();
    int attempts = matrix.values().stream().flatMap(m -> m.values().stream()).mapToInt(c -> c[0]).sum();
    assertThat(attempts).as("attempts tried").isGreaterThan(100);
    Map<String, Object> after = state();
    Map<String, String> changed = new TreeMap<>();
    before.forEach((key, value) -> {
      if (!value.equals(after.get(key))) {
        changed.put(key, value + " -> " + after.get(key));
      }
    });
    after.keySet().stream().filter(key -> !before.containsKey(key)).forEach(key -> changed.put(key, "new: " + after.get(key)));
    assertThat(changed).as("what changed in the state read back after every attempt").isEmpty();

    // The doors still open for the right person: the Police lead claims and completes its own sheet.
    Task police = agencyTask(sheets, "Task_ReturnKnownToAgency", "police");
    Http policeLead = Http.as(port, "police.lead", TestUsers.PASSWORD);
    HttpResponse<String> view = policeLead.get("/engine-rest/task/" + police.getId() + "/form-variables?deserializeValues=false");
    assertThat(view.statusCode()).isEqualTo(200);
    String sheetAsTasklistReadsIt = json.readTree(view.body()).get("knownToAgencyAnswers").get("value").asText();
    assertThat(json.readTree(sheetAsTasklistReadsIt)).as("Json as text, which Tasklist parses").hasSize(20 * 5);
    assertThat(sheetAsTasklistReadsIt).contains(children.get(0));
    assertThat(policeLead.post("/engine-rest/task/" + police.getId() + "/claim", "{\"userId\":\"police.lead\"}").statusCode())
        .isEqualTo(204);
    String completion = "{\"variables\":{\"knownToAgencyAnswers\":" + jsonVariable(rows(police, "no").getValueSerialized()) + "}}";
    HttpResponse<String> done = policeLead.post("/engine-rest/task/" + police.getId() + "/complete", completion);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    HttpResponse<String> again = policeLead.post("/engine-rest/task/" + police.getId() + "/complete", completion);
    assertThat(again.statusCode()).as("completed twice: " + again.body()).isEqualTo(404);
    assertThat(again.body()).contains("this task is no longer open");
    // A colleague's Tasklist page, opened before it was completed: claiming it, or reading its variables, is a 404 too.
    HttpResponse<String> claimGone = policeLead.post("/engine-rest/task/" + police.getId() + "/claim", "{\"userId\":\"police.lead\"}");
    assertThat(claimGone.statusCode()).as("claimed once done: " + claimGone.body()).isEqualTo(404);
    assertThat(claimGone.body()).contains("This task is no longer open");
    HttpResponse<String> readGone = policeLead.get("/engine-rest/task/" + police.getId() + "/variables");
    assertThat(readGone.statusCode()).as("its variables once done: " + readGone.body()).isEqualTo(404);
    // ... and its upload, with the very body the other agencies were refused.
    Task upload = agencyTask(evidence, "Task_UploadEvidence", "police");
    HttpResponse<String> uploadedByPolice = policeLead.post("/engine-rest/task/" + upload.getId() + "/submit-form", uploaded(""));
    assertThat(uploadedByPolice.statusCode()).as(uploadedByPolice.body()).isEqualTo(204);
    HttpResponse<String> uploadedAgain = policeLead.post("/engine-rest/task/" + upload.getId() + "/submit-form", uploaded(""));
    assertThat(uploadedAgain.statusCode()).as("submitted twice: " + uploadedAgain.body()).isEqualTo(404);
    assertThat(openTasks(evidence, "Task_UploadEvidence")).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------------
  // Other agencies' tasks: not to be seen, claimed, completed, changed, commented on or ended.

  private void attackOtherAgenciesTasks(String user, Http as, Set<String> groups) throws Exception {
    for (Task sheet : openTasks(sheets, "Task_ReturnKnownToAgency")) {
      if (offeredTo(sheet, groups)) {
        continue;
      }
      String path = "/engine-rest/task/" + sheet.getId();
      String answers = "{\"variables\":{\"knownToAgencyAnswers\":" + jsonVariable(rows(sheet, "no").getValueSerialized()) + "}}";
      refused(user, "other agency's task", "read it", as.get(path));
      refusedOrNothing(user, "other agency's task", "read its form variables", as.get(path + "/form-variables"));
      refusedOrNothing(user, "other agency's task", "read its variables", as.get(path + "/variables"));
      refused(user, "other agency's task", "claim it", as.post(path + "/claim", "{\"userId\":\"" + user + "\"}"));
      refused(user, "other agency's task", "complete it", as.post(path + "/complete", answers));
      refused(user, "other agency's task", "submit its form", as.post(path + "/submit-form", answers));
      refused(user, "other agency's task", "set its agency", as.put(path + "/variables/agency", "{\"value\":\"police\"}"));
      refused(user, "other agency's task", "comment on it", as.post(path + "/comment/create", "{\"message\":\"" + children.get(0) + "\"}"));
      refusedOrNothing(user, "other agency's task", "read its comments", as.get(path + "/comment"));
      refused(user, "other agency's task", "end it with a BPMN error", as.post(path + "/bpmnError", "{\"errorCode\":\"stop\"}"));
      refused(user, "other agency's task", "attach to it", as.post(path + "/attachment/create",
          new Multipart().text("attachment-name", "note").file("content", "note.txt", "text/plain", children.get(1).getBytes())));
    }
    for (Task approval : openTasks(approvals, "Task_ApproveAuditReport")) {
      if (offeredTo(approval, groups)) {
        continue;
      }
      String path = "/engine-rest/task/" + approval.getId();
      refused(user, "other agency's task", "approve another partner's audit report", as.post(path + "/complete",
          "{\"variables\":{\"reportDecision\":{\"value\":\"approve\"},\"qualityAssured\":{\"value\":true}}}"));
      refused(user, "other agency's task", "claim another partner's approval", as.post(path + "/claim", "{\"userId\":\"" + user + "\"}"));
    }
    for (Task approval : openTasks(evidence, "Task_ApproveEvidence")) {
      if (offeredTo(approval, groups)) {
        continue;
      }
      String path = "/engine-rest/task/" + approval.getId();
      refused(user, "other agency's task", "approve another agency's documentary evidence", as.post(path + "/complete",
          "{\"variables\":{\"evidenceApproved\":{\"value\":true}}}"));
      refused(user, "other agency's task", "claim another agency's evidence approval", as.post(path + "/claim",
          "{\"userId\":\"" + user + "\"}"));
      refusedOrNothing(user, "other agency's task", "read its evidence approval's variables", as.get(path + "/variables"));
    }
    for (Task upload : openTasks(evidence, "Task_UploadEvidence")) {
      if (offeredTo(upload, groups)) {
        continue;
      }
      String path = "/engine-rest/task/" + upload.getId();
      refused(user, "other agency's task", "confirm another agency's evidence upload", as.post(path + "/submit-form",
          uploaded("")));
      refused(user, "other agency's task", "claim another agency's evidence upload", as.post(path + "/claim",
          "{\"userId\":\"" + user + "\"}"));
      refused(user, "other agency's task", "read another agency's evidence upload", as.get(path));
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Its own task: only the form's fields, of the form's kinds; nothing that moves the task or hands it on.

  private void attackOwnTasks(String user, Http as, Set<String> groups) throws Exception {
    for (Task sheet : openTasks(sheets, "Task_ReturnKnownToAgency")) {
      if (!offeredTo(sheet, groups)) {
        continue;
      }
      String path = "/engine-rest/task/" + sheet.getId();
      String answers = "\"knownToAgencyAnswers\":" + jsonVariable(rows(sheet, "no").getValueSerialized());
      refusedNaming(user, "own task", "complete with a field its form does not have", "policeNote",
          as.post(path + "/complete", "{\"variables\":{" + answers + ",\"policeNote\":{\"value\":\"" + children.get(2) + "\"}}}"));
      refusedNaming(user, "own task", "complete as another agency", "agency",
          as.post(path + "/complete", "{\"variables\":{" + answers + ",\"agency\":{\"value\":\"health\"}}}"));
      refusedNaming(user, "own task", "complete for another inspection", "reference",
          as.post(path + "/complete", "{\"variables\":{" + answers + ",\"reference\":{\"value\":\"" + approvals + "\"}}}"));
      refusedNaming(user, "own task", "complete for another child", "childNumber",
          as.post(path + "/submit-form", "{\"variables\":{" + answers + ",\"childNumber\":{\"value\":3}}}"));
      refusedNaming(user, "own task", "send an empty Json value", "knownToAgencyAnswers",
          as.post(path + "/complete", "{\"variables\":{\"knownToAgencyAnswers\":{\"type\":\"Json\",\"value\":\"\"}}}"));
      refusedNaming(user, "own task", "send unreadable JSON", "knownToAgencyAnswers",
          as.post(path + "/complete", "{\"variables\":{\"knownToAgencyAnswers\":{\"type\":\"Json\",\"value\":\"[{\"}}}"));
      refusedNaming(user, "own task", "send a serialised Java object", "knownToAgencyAnswers",
          as.post(path + "/complete", "{\"variables\":{\"knownToAgencyAnswers\":{\"type\":\"Object\",\"value\":\"rO0ABXQAAXg=\","
              + "\"valueInfo\":{\"objectTypeName\":\"java.lang.String\",\"serializationDataFormat\":\"application/x-java-serialized-object\"}}}}"));
      refusedNaming(user, "own task", "send a list as text where rows are due", "knownToAgencyAnswers",
          as.post(path + "/complete", "{\"variables\":{\"knownToAgencyAnswers\":{\"value\":true}}}"));
      refusedNaming(user, "own task", "add a field to a row", "note",
          as.post(path + "/complete", "{\"variables\":{\"knownToAgencyAnswers\":" + jsonVariable(rowsWith(sheet, "note", children.get(3))) + "}}"));
      refused(user, "own task", "claim it for someone else", as.post(path + "/claim", "{\"userId\":\"health.lead\"}"));
      refused(user, "own task", "assign it to someone else", as.post(path + "/assignee", "{\"userId\":\"health.lead\"}"));
      refused(user, "own task", "delegate it", as.post(path + "/delegate", "{\"userId\":\"health.lead\"}"));
      refused(user, "own task", "offer it to another group", as.post(path + "/identity-links",
          "{\"groupId\":\"health\",\"type\":\"candidate\"}"));
      refused(user, "own task", "offer it to another user", as.post(path + "/identity-links",
          "{\"userId\":\"health.lead\",\"type\":\"candidate\"}"));
      refused(user, "own task", "set its agency", as.put(path + "/variables/agency", "{\"value\":\"health\"}"));
      refused(user, "own task", "set a local variable", as.put(path + "/localVariables/policeNote", "{\"value\":\"x\"}"));
      refused(user, "own task", "modify its variables", as.post(path + "/variables",
          "{\"modifications\":{\"reference\":{\"value\":\"" + approvals + "\"}}}"));
      refused(user, "own task", "end it with a BPMN error", as.post(path + "/bpmnError",
          "{\"errorCode\":\"done\",\"variables\":{\"agency\":{\"value\":\"health\"}}}"));
      refused(user, "own task", "escalate from it", as.post(path + "/bpmnEscalation", "{\"escalationCode\":\"up\"}"));
      refused(user, "own task", "change its due date", as.put(path,
          "{\"name\":\"" + sheet.getName() + "\",\"due\":\"2030-01-01T00:00:00.000+0000\"}"));
      TasklistSession tasklist = TasklistSession.signIn(port, user, TestUsers.PASSWORD);
      refusedNaming(user, "own task (Tasklist's door)", "submit with a field its form does not have", "policeNote",
          tasklist.post("/task/" + sheet.getId() + "/submit-form", "{\"variables\":{" + answers
              + ",\"policeNote\":{\"value\":\"" + children.get(4) + "\"}}}"));
      refused(user, "own task (Tasklist's door)", "claim it for someone else",
          tasklist.post("/task/" + sheet.getId() + "/claim", "{\"userId\":\"health.lead\"}"));
    }
    for (Task approval : openTasks(approvals, "Task_ApproveAuditReport")) {
      if (!offeredTo(approval, groups)) {
        continue;
      }
      String path = "/engine-rest/task/" + approval.getId() + "/complete";
      String approve = "\"reportDecision\":{\"value\":\"approve\"},\"qualityAssured\":{\"value\":true}";
      refusedNaming(user, "own task", "approve another version", "reportVersion",
          as.post(path, "{\"variables\":{" + approve + ",\"reportVersion\":{\"value\":2}}}"));
      refusedNaming(user, "own task", "approve for another partner", "agency",
          as.post(path, "{\"variables\":{" + approve + ",\"agency\":{\"value\":\"la\"}}}"));
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Its own day-1 evidence tasks: the form's boxes and nothing else; no one approves in the senior's place.

  /** The upload form's three boxes ticked, with {@code extra} variables after them, as a request body. */
  private static String uploaded(String extra) {
    return "{\"variables\":{\"uploadedToPortal\":{\"value\":true},\"uploadedToProjectSpace\":{\"value\":true},"
        + "\"contactsHaveAccess\":{\"value\":true}" + extra + "}}";
  }

  private void attackOwnEvidenceTasks(String user, Http as, Set<String> groups) {
    for (Task approval : openTasks(evidence, "Task_ApproveEvidence")) {
      if (!offeredTo(approval, groups)) {
        continue;
      }
      String path = "/engine-rest/task/" + approval.getId() + "/complete";
      refusedNaming(user, "own task", "approve the evidence without saying so", "evidenceApproved",
          as.post(path, "{\"variables\":{\"evidenceApproved\":{\"value\":false}}}"));
      refusedNaming(user, "own task", "approve the evidence for another agency", "agency",
          as.post(path, "{\"variables\":{\"evidenceApproved\":{\"value\":true},\"agency\":{\"value\":\"police\"}}}"));
    }
    for (Task upload : openTasks(evidence, "Task_UploadEvidence")) {
      if (!offeredTo(upload, groups)) {
        continue;
      }
      String path = "/engine-rest/task/" + upload.getId();
      refusedNaming(user, "own task", "confirm an upload with a child's name in it", "childName",
          as.post(path + "/submit-form", uploaded(",\"childName\":{\"value\":\"" + children.get(5) + "\"}")));
      refusedNaming(user, "own task", "confirm an upload with a box left out", "contactsHaveAccess",
          as.post(path + "/complete", "{\"variables\":{\"uploadedToPortal\":{\"value\":true},"
              + "\"uploadedToProjectSpace\":{\"value\":true}}}"));
      refusedNaming(user, "own task", "confirm an upload as another agency", "agency",
          as.post(path + "/complete", uploaded(",\"agency\":{\"value\":\"health\"}")));
      refused(user, "own task", "hand the upload to another agency", as.post(path + "/identity-links",
          "{\"groupId\":\"health\",\"type\":\"candidate\"}"));
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // The engine's generic doors: no write for anyone but the administrator; no child-level data in any read.

  private void attackGenericEndpoints(String user, Http as) {
    String root = runtime.createProcessInstanceQuery().processInstanceBusinessKey(sheets).processDefinitionKey("jtai-inspection")
        .singleResult().getId();
    ProcessInstance selection = calledProcess(sheets, "child-selection");
    String ids = String.join(",", instances);
    refusedOrNothing(user, "generic read", "runtime variables", as.get("/engine-rest/variable-instance?processInstanceIdIn=" + ids));
    refusedOrNothing(user, "generic read", "a process's variables", as.get("/engine-rest/process-instance/" + selection.getId() + "/variables"));
    // History's variables and form fields are the administrator's alone: no partner or coordinator reads any, not even
    // those of an inspection where one of their own tasks ran (Camunda would let a task's group read its whole process's).
    // Filtered to these inspections: in a shared test database the whole history is every other test's too.
    refusedOrEmpty(user, "generic read", "historic variables", as.get("/engine-rest/history/variable-instance?processInstanceIdIn=" + ids));
    refusedOrEmpty(user, "generic read", "historic details", as.get("/engine-rest/history/detail?processInstanceIdIn=" + ids));
    refusedOrEmpty(user, "generic read", "historic form fields", as.get("/engine-rest/history/detail?formFields=true&processInstanceIdIn="
        + ids));
    refusedOrEmpty(user, "generic read", "historic variables of the finished tasks", as.get("/engine-rest/history/variable-instance?taskIdIn="
        + String.join(",", finishedTasks)));
    refusedOrEmpty(user, "generic read", "historic details of the finished tasks", as.get("/engine-rest/history/detail?taskId="
        + finishedTasks.get(0)));
    refusedOrNothing(user, "generic read", "the operation log", as.get("/engine-rest/history/user-operation?processInstanceId="
        + selection.getId()));
    refusedOrNothing(user, "generic read", "a process's comments", as.get("/engine-rest/process-instance/" + root + "/comment"));
    refusedOrNothing(user, "generic read", "tasks with their variables",
        as.post("/engine-rest/task?maxResults=500", "{\"processInstanceBusinessKey\":\"" + sheets + "\",\"withCommentAttachmentInfo\":true}"));

    refused(user, "generic write", "set a process variable", as.put("/engine-rest/process-instance/" + root + "/variables/reference",
        "{\"value\":\"" + approvals + "\"}"));
    refused(user, "generic write", "modify a process's variables", as.post("/engine-rest/process-instance/" + selection.getId()
        + "/variables", "{\"modifications\":{\"firstSelectionCount\":{\"value\":2}}}"));
    refused(user, "generic write", "set an execution's variable", as.put("/engine-rest/execution/" + selection.getId()
        + "/localVariables/agency", "{\"value\":\"health\"}"));
    refused(user, "generic write", "move a process on (modification)", as.post("/engine-rest/process-instance/" + selection.getId()
        + "/modification", "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_RecordAuditSelection\"}]}"));
    refused(user, "generic write", "correlate a message with variables", as.post("/engine-rest/message",
        "{\"messageName\":\"IssueOfConcern\",\"processInstanceId\":\"" + root + "\",\"processVariables\":{\"concernId\":{\"value\":1}}}"));
    refused(user, "generic write", "send a signal with variables", as.post("/engine-rest/signal",
        "{\"name\":\"anything\",\"variables\":{\"agency\":{\"value\":\"health\"}}}"));
    refused(user, "generic write", "delete a process", as.delete("/engine-rest/process-instance/" + root));
    refused(user, "generic write", "suspend a process", as.put("/engine-rest/process-instance/" + root + "/suspended",
        "{\"suspended\":true}"));
    refused(user, "generic write", "suspend the inspection model", as.put("/engine-rest/process-definition/key/jtai-inspection/suspended",
        "{\"suspended\":true,\"includeProcessInstances\":true}"));
    refused(user, "generic write", "start a stage with forged variables", as.post("/engine-rest/process-definition/key/child-selection/start",
        "{\"businessKey\":\"" + sheets + "\",\"variables\":{\"reference\":{\"value\":\"" + sheets + "\"},\"theme\":{\"value\":\"domestic-abuse\"}}}"));
    refused(user, "generic write", "start an inspection with a field its form does not have",
        as.post("/engine-rest/process-definition/key/jtai-inspection/start", "{\"variables\":{\"reference\":{\"value\":\"JTAI-2027-09-HOSTILE\"},"
            + "\"theme\":{\"value\":\"domestic-abuse\"},\"notifiedAt\":{\"value\":\"2027-09-06T09:10:00+01:00\"},\"rehearsal\":{\"value\":true}}}"));
    refused(user, "generic write", "start an inspection half-way through", as.post("/engine-rest/process-definition/key/jtai-inspection/start",
        "{\"startInstructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Activity_AfterFieldwork\"}],"
            + "\"variables\":{\"reference\":{\"value\":\"JTAI-2027-09-HOSTILE\"},\"theme\":{\"value\":\"domestic-abuse\"}}}"));
    if (!"laim".equals(user)) { // LAIM amends the selections (amendment/SelectionAmendments)
      refused(user, "generic write", "amend the children selected (LAIM's own start form)",
        as.post("/engine-rest/process-definition/key/amend-selection/submit-form", "{\"variables\":{\"inspectionReference\":{\"value\":\""
            + sheets + "\"},\"selection\":{\"value\":\"first\"},\"replacedChild\":{\"value\":\"" + children.get(0)
            + "\"},\"newChild\":{\"value\":\"9899900001\"},\"amendmentReason\":{\"value\":\"A partner swaps a child\"}}}"));
    }
    if (!"bu".equals(user)) { // the Business Unit takes agencies out of stages and reassigns the Audit Chair or Author
      refused(user, "generic write", "take another agency out of a stage (the Business Unit's start form)",
          as.post("/engine-rest/process-definition/key/take-agency-out/submit-form", "{\"variables\":{\"inspectionReference\":"
              + "{\"value\":\"" + sheets + "\"},\"stage\":{\"value\":\"child-selection\"},\"agency\":{\"value\":\"health\"},"
              + "\"withdrawalReason\":{\"value\":\"Health is not needed for this stage\"}}}"));
      refused(user, "generic write", "take a health provider off the inspection (the Business Unit's start form)",
          as.post("/engine-rest/process-definition/key/change-health-providers/submit-form", "{\"variables\":{\"inspectionReference\":"
              + "{\"value\":\"" + sheets + "\"},\"changeReason\":{\"value\":\"We would rather not take part\"}}}"));
      refused(user, "generic write", "make oneself the Audit Chair (the Business Unit's start form)",
          as.post("/engine-rest/process-definition/key/reassign-audit-role/submit-form", "{\"variables\":{\"inspectionReference\":"
              + "{\"value\":\"" + approvals + "\"},\"role\":{\"value\":\"chair\"},\"newUser\":{\"value\":\"" + user
              + "\"},\"reason\":{\"value\":\"I would rather chair it myself\"}}}"));
    }
    refused(user, "generic write", "correct another agency's return (a forged agency)",
        as.post("/engine-rest/process-definition/key/correct-known-to-agency/submit-form", "{\"variables\":{\"inspectionReference\":"
            + "{\"value\":\"" + sheets + "\"},\"correctionReason\":{\"value\":\"Their answers are wrong\"},\"agency\":{\"value\":\"la\"}}}"));
    Job timer = management.createJobQuery().processInstanceId(selection.getId()).timers().list().get(0);
    refused(user, "generic write", "change a timer's due date", as.put("/engine-rest/job/" + timer.getId() + "/duedate",
        "{\"duedate\":\"2030-01-01T00:00:00.000+0000\"}"));
    refused(user, "generic write", "change a job's retries", as.put("/engine-rest/job/" + timer.getId() + "/retries", "{\"retries\":0}"));
    refused(user, "generic write", "run a job now", as.post("/engine-rest/job/" + timer.getId() + "/execute", ""));
    refused(user, "generic write", "deploy a model", as.post("/engine-rest/deployment/create",
        new Multipart().text("deployment-name", "hostile").file("hostile.bpmn", "hostile.bpmn", "text/xml", "<definitions/>".getBytes())));
    refused(user, "generic write", "create a filter", as.post("/engine-rest/filter/create",
        "{\"resourceType\":\"Task\",\"name\":\"All tasks\",\"query\":{}}"));
    refused(user, "generic write", "restart a process", as.post("/engine-rest/process-definition/" + selection.getProcessDefinitionId()
        + "/restart", "{\"processInstanceIds\":[\"" + selection.getId() + "\"],\"instructions\":[{\"type\":\"startBeforeActivity\","
        + "\"activityId\":\"Task_RecordFirstSelection\"}]}"));
    refused(user, "generic write", "migrate a process", as.post("/engine-rest/migration/execute",
        "{\"migrationPlan\":{\"sourceProcessDefinitionId\":\"" + selection.getProcessDefinitionId() + "\",\"targetProcessDefinitionId\":\""
            + selection.getProcessDefinitionId() + "\",\"instructions\":[]},\"processInstanceIds\":[\"" + selection.getId() + "\"]}"));
    refused(user, "generic write", "delete processes in a batch", as.post("/engine-rest/process-instance/delete",
        "{\"processInstanceIds\":[\"" + root + "\"],\"deleteReason\":\"hostile\"}"));
  }

  // ---------------------------------------------------------------------------------------------------
  // The product's own API (/api): each door refuses whoever lacks its group, before reading anything.

  private void attackProductApi(String user, Http as, Set<String> groups) throws Exception {
    String chair = "{\"role\":\"chair\",\"newUser\":\"" + user + "\",\"reason\":\"I would rather chair it myself\"}";
    if (!groups.contains(Roles.BUSINESS_UNIT)) {
      refused(user, "product API", "reassign the Audit Chair to oneself", as.post("/api/inspections/" + approvals + "/audit-roles", chair));
      refused(user, "product API", "start a rehearsal", as.post("/api/rehearsals", "{}"));
      refused(user, "product API", "download the benchmarking ratings", as.get("/api/benchmarking/BENCHMARKING-1/ratings.csv"));
      refused(user, "product API", "download missing documentary evidence", as.get("/api/readiness/READINESS-1/evidence.csv"));
    }
    if (Roles.COORDINATORS.stream().noneMatch(groups::contains)) {
      refused(user, "product API", "read the changes of Audit Chair and Author", as.get("/api/inspections/" + approvals + "/audit-roles"));
    }
    if (!groups.contains(Roles.LAIM) && !groups.contains(Roles.BUSINESS_UNIT)) {
      refused(user, "product API", "download the known-to-agency returns", as.get("/api/inspections/" + sheets + "/known-to-agency.csv"));
      refused(user, "product API", "move a deadline", as.put("/api/inspections/" + approvals + "/milestones/AUDIT_REPORT_DUE",
          "{\"due\":\"2030-01-01T17:00:00+00:00\",\"reason\":\"more time for us\"}"));
    }
    if (!groups.contains(Roles.LAIM)) {
      refused(user, "product API", "record an issue of concern", as.post("/api/inspections/" + approvals + "/concerns",
          "{\"agency\":\"health\",\"summary\":\"forged\"}"));
    }
    boolean agencyPerson = partnership.agencies().stream()
        .anyMatch(agency -> groups.contains(agency.id()) || groups.contains(agency.seniorGroup()));
    if (Roles.COORDINATORS.stream().noneMatch(groups::contains)) {
      refused(user, "product API", "download the debrief's figures", as.get("/api/inspections/" + sheets + "/debrief.csv"));
    }
    if (Roles.COORDINATORS.stream().noneMatch(groups::contains) && !agencyPerson) {
      refused(user, "product API", "read the inspection's board", as.get("/api/inspections/" + sheets + "/board"));
      refused(user, "product API", "see the inspection's timeline", as.get("/inspections/" + sheets + "/timeline.svg"));
    } else if (Roles.COORDINATORS.stream().noneMatch(groups::contains)) {
      HttpResponse<String> board = as.get("/api/inspections/" + sheets + "/board");
      long otherRows = board.statusCode() != 200 ? 0 : java.util.stream.StreamSupport.stream(json.readTree(board.body()).get("rows")
          .spliterator(), false).map(row -> row.get("agency").asText())
          .filter(agency -> !groups.contains(agency) && !groups.contains(agency + "-senior")).count();
      record(user, "product API", "read other agencies' rows of the board", board, board.statusCode() == 200 && otherRows == 0);
      long otherApprovals = board.statusCode() != 200 ? 0 : java.util.stream.StreamSupport.stream(json.readTree(board.body())
          .get("approvals").spliterator(), false).flatMap(version -> java.util.stream.StreamSupport.stream(
              version.get("approvals").spliterator(), false)).map(approval -> approval.get("agency").asText())
          .filter(agency -> !groups.contains(agency) && !groups.contains(agency + "-senior")).count();
      record(user, "product API", "read other agencies' decisions on the audit report", board, otherApprovals == 0);
    }
    if (!groups.contains(Roles.DCS) && !groups.contains(Roles.BUSINESS_UNIT)) {
      refused(user, "product API", "start an inspection", as.post("/api/inspections", "{\"reference\":\"JTAI-2027-09-HOSTILE\","
          + "\"theme\":\"domestic-abuse\",\"notifiedAt\":\"2027-09-06T09:10:00+01:00\"}"));
    }
  }

  // ---------------------------------------------------------------------------------------------------

  private void refused(String user, String family, String what, HttpResponse<String> response) {
    record(user, family, what, response, response.statusCode() >= 400 && response.statusCode() < 500);
  }

  /** A read may answer, with nothing child-level in it: no child reference, no agency's answer. */
  private void refusedOrNothing(String user, String family, String what, HttpResponse<String> response) {
    boolean clean = children.stream().noneMatch(response.body()::contains);
    record(user, family, what, response, response.statusCode() >= 400 && response.statusCode() < 500 || response.statusCode() == 200 && clean);
  }

  /** A read may answer, with nothing at all: an empty list. */
  private void refusedOrEmpty(String user, String family, String what, HttpResponse<String> response) {
    record(user, family, what, response, response.statusCode() >= 400 && response.statusCode() < 500
        || response.statusCode() == 200 && response.body().strip().equals("[]"));
  }

  /** Refused as a bad submission, naming the field: 400 with the field in the answer. */
  private void refusedNaming(String user, String family, String what, String field, HttpResponse<String> response) {
    record(user, family, what, response, response.statusCode() == 400 && response.body().contains(field));
  }

  private void record(String user, String family, String what, HttpResponse<String> response, boolean refused) {
    int[] cell = matrix.computeIfAbsent(user, u -> new LinkedHashMap<>()).computeIfAbsent(family, f -> new int[2]);
    cell[0]++;
    if (refused) {
      cell[1]++;
    } else {
      notRefused.add(user + ": " + what + " -> " + response.statusCode() + " " + response.body().substring(0, Math.min(300, response.body().length())));
    }
  }

  private void printMatrix() {
    List<String> families = matrix.values().stream().flatMap(m -> m.keySet().stream()).distinct().sorted().toList();
    StringBuilder out = new StringBuilder("\nHostile-partner matrix (refused/attempts)\n");
    out.append(String.format("%-18s", "user"));
    families.forEach(f -> out.append(String.format(" | %-26s", f)));
    out.append('\n');
    int attempts = 0;
    int refused = 0;
    for (Map.Entry<String, Map<String, int[]>> row : matrix.entrySet()) {
      out.append(String.format("%-18s", row.getKey()));
      for (String family : families) {
        int[] cell = row.getValue().get(family);
        out.append(String.format(" | %-26s", cell == null ? "-" : cell[1] + "/" + cell[0]));
        if (cell != null) {
          attempts += cell[0];
          refused += cell[1];
        }
      }
      out.append('\n');
    }
    out.append("Total: ").append(refused).append(" refused of ").append(attempts).append(" attempts by ").append(matrix.size())
        .append(" users\n");
    System.out.println(out);
  }

  private List<String> demoUsers(AsDemoUsers demo) {
    return demo.everyRole();
  }

  private boolean offeredTo(Task task, Set<String> groups) {
    return tasks.getIdentityLinksForTask(task.getId()).stream().anyMatch(link -> link.getGroupId() != null && groups.contains(link.getGroupId()));
  }

  /** The sheet the task shows, every answer {@code answer}, as the typed Json value a form submits. */
  private org.camunda.spin.plugin.variable.value.JsonValue rows(Task sheet, String answer) throws Exception {
    ArrayNode rows = (ArrayNode) json.readTree(forms.getTaskFormVariables(sheet.getId()).get("knownToAgencyAnswers").toString());
    rows.forEach(row -> ((ObjectNode) row).put("answer", answer));
    return SpinValues.jsonValue(rows.toString()).create();
  }

  private String rowsWith(Task sheet, String key, String value) throws Exception {
    ArrayNode rows = (ArrayNode) json.readTree(rows(sheet, "no").getValueSerialized());
    ((ObjectNode) rows.get(0)).put(key, value);
    return rows.toString();
  }

  private String jsonVariable(String serialized) throws Exception {
    return "{\"type\":\"Json\",\"value\":" + json.writeValueAsString(serialized) + "}";
  }

  /** What an attacker could have changed: variables, tasks and who they are for, returns, jobs, comments, models. */
  private Map<String, Object> state() {
    Map<String, Object> state = new TreeMap<>();
    runtime.createVariableInstanceQuery().processInstanceIdIn(instances.toArray(String[]::new)).list()
        .forEach(v -> state.put("variable " + v.getExecutionId() + "/" + v.getName(), String.valueOf(v.getValue())));
    for (String reference : List.of(sheets, approvals, evidence)) {
      tasks.createTaskQuery().processInstanceBusinessKey(reference).list().forEach(t -> state.put("task " + t.getId(),
          t.getName() + "|" + t.getAssignee() + "|" + t.getOwner() + "|" + t.getDueDate() + "|" + t.getDelegationState() + "|"
              + tasks.getIdentityLinksForTask(t.getId()).stream().map(l -> l.getType() + ":" + l.getGroupId() + ":" + l.getUserId())
                  .sorted().collect(Collectors.joining(","))));
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).list()
          .forEach(p -> state.put("process " + p.getId(), p.getProcessDefinitionId() + "|" + p.isSuspended()));
      management.createJobQuery().processInstanceId(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
          .processDefinitionKey("jtai-inspection").singleResult().getId()).list()
          .forEach(j -> state.put("job " + j.getId(), j.getDuedate() + "|" + j.getRetries()));
      state.put("known-to-agency " + reference, jdbc.queryForList(
          "select agency, child_reference, question, answer from jtai_known_to_agency where reference = ? "
              + "order by agency, child_reference, question", reference).toString());
      state.put("report decisions " + reference, jdbc.queryForList(
          "select * from jtai_report_decision where reference = ?", reference).toString());
    }
    for (String instance : instances) {
      management.createJobQuery().processInstanceId(instance).list()
          .forEach(j -> state.put("job " + j.getId(), j.getDuedate() + "|" + j.getRetries()));
    }
    state.put("inspections", jdbc.queryForObject("select count(*) from jtai_inspection", Integer.class));
    for (String table : List.of("jtai_audit_role_change", "jtai_milestone_change", "jtai_concern", "jtai_milestone",
        "jtai_stage_withdrawal")) {
      state.put(table, jdbc.queryForList("select * from " + table + " where reference in (?, ?, ?)", sheets, approvals, evidence)
          .toString());
    }
    state.put("comments", jdbc.queryForObject("select count(*) from act_hi_comment", Integer.class));
    state.put("attachments", jdbc.queryForObject("select count(*) from act_hi_attachment", Integer.class));
    state.put("deployments", repository.createDeploymentQuery().count());
    state.put("filters", engine.getFilterService().createFilterQuery().count());
    state.put("suspended models", repository.createProcessDefinitionQuery().suspended().count());
    return state;
  }
}
