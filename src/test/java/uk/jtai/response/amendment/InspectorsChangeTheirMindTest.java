package uk.jtai.response.amendment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.jtai.response.board.InspectionBoard;
import uk.jtai.response.caseaudit.AuditReturns;
import uk.jtai.response.childselection.KnownToAgencyReturns;
import uk.jtai.response.childselection.SelectedChildren;
import uk.jtai.response.support.ChildData;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestUsers;

/**
 * Issue 16, corrections: the inspectors change their mind during a live inspection. Two of the 20 are swapped
 * after half the known-to-agency returns are in, one of the 6 at 12:00 on day 5 while the case audits run, and
 * the Audit Chair is replaced on day 6; the agencies' sheets and audit tasks follow, answers for the children not
 * changed are kept, every agency affected is e-mailed without a child's reference, and each change is recorded.
 */
class InspectorsChangeTheirMindTest extends ProcessTestSupport {

  private static final String NOTIFIED = "2027-05-24T09:10:00+01:00";
  private static final List<String> AGENCIES = List.of("la", "police", "health", "probation");
  private static final int QUESTIONS = 5; // "known" and the domestic-abuse theme's four

  @Autowired SelectionAmendments amendments;
  @Autowired SelectedChildren selected;
  @Autowired KnownToAgencyReturns returns;
  @Autowired AuditReturns auditReturns;
  @Autowired InspectionBoard board;
  @Autowired uk.jtai.response.calendar.ScheduleRepository schedules;
  @LocalServerPort int port;
  private final ObjectMapper json = new ObjectMapper();

  private void amend(String user, String group, Map<String, Object> form) {
    engine.getIdentityService().setAuthentication(user, List.of(group));
    try {
      String definition = repository.createProcessDefinitionQuery().processDefinitionKey(SelectionAmendment.PROCESS_KEY)
          .latestVersion().singleResult().getId();
      forms.submitStartForm(definition, form);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private static Map<String, Object> form(String reference, String selection, String replaced, String replacement, String why) {
    Map<String, Object> form = new HashMap<>();
    form.put("inspectionReference", reference);
    form.put("selection", selection);
    form.put("replacedChild", replaced);
    form.put("newChild", replacement);
    form.put("amendmentReason", why);
    return form;
  }

  private ArrayNode sheet(Task task) throws Exception {
    return (ArrayNode) json.readTree(forms.getTaskFormVariables(task.getId()).get("knownToAgencyAnswers").toString());
  }

  /** The agency's sheet answered as offered, every blank answered No (answers already shown kept). */
  private void answer(String reference, String agency) throws Exception {
    Task task = agencyTask(reference, "Task_ReturnKnownToAgency", agency);
    ArrayNode rows = sheet(task);
    for (JsonNode row : rows) {
      if (row.get("answer").asText().isEmpty()) {
        boolean yes = row.get("childNumber").asInt() == 1 && row.get("questionId").asText().equals("known");
        ((ObjectNode) row).put("answer", yes ? "yes" : "no");
      }
    }
    complete(task, Map.of("knownToAgencyAnswers", SpinValues.jsonValue(rows.toString()).create()));
    fireDueTimers(reference);
  }

  private Task childTask(String reference, String taskKey, String agency, int child) {
    return openTasks(reference, taskKey).stream()
        .filter(t -> agency.equals(tasks.getVariable(t.getId(), "agency")) && Integer.valueOf(child).equals(tasks.getVariable(t.getId(), "childNumber")))
        .reduce((a, b) -> { throw new AssertionError("two " + taskKey + " for " + agency + " child " + child); }).orElse(null);
  }

  private void assertNoChildReferenceIn(List<Map<String, Object>> mails, List<String> children) {
    for (Map<String, Object> mail : mails) {
      for (String child : children) {
        assertThat(mail.get("SUBJECT") + "\n" + mail.get("BODY")).as("no child reference in e-mail").doesNotContain(child);
      }
    }
  }

  @Test
  void twoOfTheTwentySwappedAfterHalfTheReturnsOneOfTheSixAtNoonOnDay5AndTheChairOnDay6() throws Exception {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", NOTIFIED);
    finishNotificationCascadeAndMeetings(reference);
    submitAnnexA(reference);
    List<String> children = ChildData.references(Math.abs(reference.hashCode() % 900) + 100, 20);
    List<String> newcomers = ChildData.references(Math.abs(reference.hashCode() % 900) + 100, 23).subList(20, 23);
    List<String> everyChild = new ArrayList<>(children);
    everyChild.addAll(newcomers);
    runScripted(reference, "Task_RecordFirstSelection", "Task_RecordFirstSelection", children, 6);

    // Half the returns are in: the Local Authority and the police.
    answer(reference, "la");
    answer(reference, "police");
    assertThat(returns.returnedAt(reference)).containsOnlyKeys("la", "police");

    // The inspectors swap two of the 20: child 2 (a typo) and child 12 (a different child).
    amend("laim", "laim", form(reference, "first", children.get(1), newcomers.get(0), "The reference was mistyped"));
    amend("laim", "laim", form(reference, "first", children.get(11), newcomers.get(1), "The inspectors swapped a child"));

    List<String> amended = new ArrayList<>(children);
    amended.set(1, newcomers.get(0));
    amended.set(11, newcomers.get(1));
    assertThat(selected.firstSelection(reference)).as("replaced in place").containsExactlyElementsOf(amended);
    Map<String, Map<String, Map<String, String>>> kept = returns.byAgency(reference);
    for (String agency : List.of("la", "police")) {
      assertThat(kept.get(agency)).as(agency + ": answers for the 18 unchanged children kept, none for the removed")
          .hasSize(18).doesNotContainKeys(children.get(1), children.get(11), newcomers.get(0), newcomers.get(1));
      ArrayNode sheet = sheet(agencyTask(reference, "Task_ReturnKnownToAgency", agency));
      assertThat(sheet).as(agency + " is asked again, the whole sheet shown").hasSize(20 * QUESTIONS);
      for (JsonNode row : sheet) {
        String child = row.get("child").asText();
        assertThat(row.get("answer").asText()).as(agency + " row for child " + row.get("childNumber"))
            .isEqualTo(newcomers.contains(child) ? "" : (row.get("childNumber").asInt() == 1 && row.get("questionId").asText().equals("known") ? "yes" : "no"));
      }
    }
    for (String agency : List.of("health", "probation")) {
      ArrayNode sheet = sheet(agencyTask(reference, "Task_ReturnKnownToAgency", agency));
      assertThat(sheet.get(QUESTIONS).get("child").asText()).as(agency + "'s open sheet shows the new child in place")
          .isEqualTo(newcomers.get(0));
    }
    assertThat(openTasks(reference, "Task_ReturnKnownToAgency")).hasSize(4);
    List<Map<String, Object>> told = outbox(reference, "selection-amended");
    assertThat(told).as("every agency affected told, each amendment").hasSize(8);
    assertThat(told).extracting(m -> (String) m.get("RECIPIENTS")).contains("police.lead@york.example,police.deputy@york.example");
    assertThat(amendments.of(reference)).hasSize(2).allSatisfy(a -> {
      assertThat(a.selection()).isEqualTo("first");
      assertThat(a.amendedBy()).isEqualTo("laim");
      assertThat(a.agenciesTold()).isEqualTo(4);
    }).extracting(SelectionAmendments.Amendment::position).containsExactly(2, 12);

    // Every agency returns (la and police for the new children only); the 6 are recorded and the audit tool sent.
    runScripted(reference, "Task_ReturnKnownToAgency", "Task_SendAuditTool", amended, 6);
    assertThat(returns.byAgency(reference)).allSatisfy((agency, answers) ->
        assertThat(answers).as(agency).containsOnlyKeys(amended.toArray(String[]::new)));
    assertThat(selected.auditSelection(reference)).containsExactlyElementsOf(amended.subList(0, 6));

    // 12:00 on day 5: the Local Authority has done child 3; the inspectors swap child 3 of the 6 for child 10 of the 20.
    moveClockTo("2027-05-28T11:30:00+01:00");
    complete(childTask(reference, "Task_CompleteAuditTool", "la", 3), Map.of("auditInvolvement", "involved", "auditToolCompleted", true,
        "chronologyCompleted", true, "returnLocation", "Audit/la/child-3"));
    complete(childTask(reference, "Task_CompleteAuditTool", "police", 1), Map.of("auditInvolvement", "involved", "auditToolCompleted", true,
        "chronologyCompleted", true, "returnLocation", "Audit/police/child-1"));
    assertThat(auditReturns.statuses(reference).get("la")).containsKey(3);
    moveClockTo("2027-05-28T12:00:00+01:00");
    amend("laim", "laim", form(reference, "audit", amended.get(2), amended.get(9), "The inspectors chose another child"));

    List<String> six = new ArrayList<>(amended.subList(0, 6));
    six.set(2, amended.get(9));
    assertThat(selected.auditSelection(reference)).containsExactlyElementsOf(six);
    assertThat(auditReturns.statuses(reference).getOrDefault("la", Map.of())).as("the replaced child's return withdrawn")
        .doesNotContainKey(3);
    assertThat(auditReturns.statuses(reference).get("police")).as("other returns kept").containsKey(1);
    assertThat(childTask(reference, "Task_SignOffAudit", "police", 1)).as("work on other children kept").isNotNull();
    for (String agency : AGENCIES) {
      Task fresh = childTask(reference, "Task_CompleteAuditTool", agency, 3);
      assertThat(fresh).as(agency + ": the new child's audit opened").isNotNull();
      assertThat(forms.getTaskFormVariables(fresh.getId()).get("childReference")).isEqualTo(amended.get(9));
      assertThat(childTask(reference, "Task_SignOffAudit", agency, 3)).as(agency + ": nothing of the old child left").isNull();
    }
    assertThat(openTasks(reference, "Task_CompleteAuditTool")).hasSize(4 * 6 - 1);
    assertThat(outbox(reference, "selection-amended")).hasSize(12);
    assertThat(amendments.of(reference)).last().satisfies(a -> {
      assertThat(a.selection()).isEqualTo("audit");
      assertThat(a.position()).isEqualTo(3);
      assertThat(a.replacedChild()).isEqualTo(amended.get(2));
      assertThat(a.newChild()).isEqualTo(amended.get(9));
      assertThat(a.reason()).isEqualTo("The inspectors chose another child");
      assertThat(a.amendedAt()).isEqualTo(instant("2027-05-28T12:00:00+01:00"));
    });

    // The audits are done on time and the Chair and Author appointed; on day 6 the Chair is ill and replaced.
    TestUsers.ensure(engine.getIdentityService(), "cm-chair", "police");
    TestUsers.ensure(engine.getIdentityService(), "cm-chair2", "health");
    TestUsers.ensure(engine.getIdentityService(), "cm-author", "business-unit");
    TestUsers.ensure(engine.getIdentityService(), "cm-bu", "business-unit");
    assertThat(completeOpenAsScripted(reference, "Task_CompleteAuditTool")).isEqualTo(4 * 6 - 1);
    assertThat(completeOpenAsScripted(reference, "Task_SignOffAudit")).isEqualTo(4 * 6);
    fireDueTimers(reference);
    runScripted(reference, "Task_CompileAuditPack", "Task_CompileAuditPack", amended, 6);
    complete(task(reference, "Task_AppointAuditRoles"), uk.jtai.response.script.FormValues.of(
        new uk.jtai.response.auditreport.AppointAuditRolesForm.Submitted("cm-chair", "cm-author")));
    assertThat(auditReturns.statuses(reference)).allSatisfy((agency, statuses) ->
        assertThat(statuses).as(agency).hasSize(6).containsValue(AuditReturns.Status.SUBMITTED));
    moveClockTo("2027-06-01T09:30:00+01:00");
    var replaced = Http.as(port, "cm-bu", TestUsers.PASSWORD).post("/api/inspections/" + reference + "/audit-roles",
        "{\"role\":\"chair\",\"newUser\":\"cm-chair2\",\"reason\":\"The Chair is ill\"}");
    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
    assertThat(task(reference, "Task_RecordAuditDay").getAssignee()).isEqualTo("cm-chair2");
    assertThat(outbox(reference, "audit-role-assigned")).isNotEmpty();

    assertNoChildReferenceIn(outbox(reference), everyChild);
  }

  @Test
  void everyAgencyHadReturnedAndTheReturnsWereDueEachIsAskedAgainAboutTheNewChildWithoutBeingEscalated() throws Exception {
    String reference = newReference();
    startStage("child-selection", reference, "domestic-abuse", NOTIFIED, "2027-05-26T10:00:00+01:00");
    List<String> children = ChildData.references(652, 20);
    String newcomer = ChildData.references(653, 1).get(0);
    complete(task(reference, "Task_RecordFirstSelection"), Map.of("firstSelectionEntry", ChildData.lines(children)));
    for (String agency : AGENCIES) {
      answer(reference, agency);
    }
    assertThat(task(reference, "Task_ForwardReturns")).as("every agency returned: the forwarding is open").isNotNull();
    moveClockTo(schedules.due(reference, "KNOWN_TO_AGENCY_DUE").orElseThrow().plusSeconds(3600).toString());
    fireDueTimers(reference);

    amend("laim", "laim", form(reference, "first", children.get(4), newcomer, "The reference was mistyped"));
    fireDueTimers(reference);

    assertThat(openTasks(reference, "Task_ReturnKnownToAgency")).as("every agency asked again").hasSize(4);
    assertThat(outbox(reference, "task-overdue")).as("a correction is not the agencies' miss").isEmpty();
    for (String agency : AGENCIES) {
      assertThat(sheet(agencyTask(reference, "Task_ReturnKnownToAgency", agency))).filteredOn(row -> row.get("answer").asText().isEmpty())
          .as(agency + ": only the new child's rows to answer").hasSize(QUESTIONS)
          .allSatisfy(row -> assertThat(row.get("child").asText()).isEqualTo(newcomer));
      answer(reference, agency);
    }
    assertThat(returns.byAgency(reference)).hasSize(4).allSatisfy((agency, answers) ->
        assertThat(answers).as(agency).hasSize(20).containsKey(newcomer).doesNotContainKey(children.get(4)));
    assertThat(task(reference, "Task_ForwardReturns")).as("LAIM's forwarding untouched").isNotNull();
    assertNoChildReferenceIn(outbox(reference), List.of(children.get(4), newcomer));
  }

  @Test
  void anAgencyThatHadSubmittedEveryAuditReturnAuditsTheNewChildToo() {
    String reference = newReference();
    List<String> six = reachWeek2(reference, "domestic-abuse", NOTIFIED, 20, 6);
    List<String> first = selected.firstSelection(reference);
    for (int child = 1; child <= 6; child++) {
      complete(childTask(reference, "Task_CompleteAuditTool", "police", child), Map.of("auditInvolvement", "involved", "auditToolCompleted", true,
          "chronologyCompleted", true, "returnLocation", "Audit/police/child-" + child));
      complete(childTask(reference, "Task_SignOffAudit", "police", child), Map.of("auditDecision", "approve"));
    }
    fireDueTimers(reference);
    assertThat(auditReturns.submittedCount(reference, "police")).isEqualTo(6);

    amend("laim", "laim", form(reference, "audit", six.get(1), first.get(10), "The inspectors chose another child"));

    for (String agency : AGENCIES) {
      Task fresh = childTask(reference, "Task_CompleteAuditTool", agency, 2);
      assertThat(fresh).as(agency).isNotNull();
      assertThat(forms.getTaskFormVariables(fresh.getId()).get("childReference")).isEqualTo(first.get(10));
    }
    assertThat(auditReturns.submittedCount(reference, "police")).as("the other five kept").isEqualTo(5);
    complete(childTask(reference, "Task_CompleteAuditTool", "police", 2), Map.of("auditInvolvement", "involved", "auditToolCompleted", true,
        "chronologyCompleted", true, "returnLocation", "Audit/police/child-2"));
    complete(childTask(reference, "Task_SignOffAudit", "police", 2), Map.of("auditDecision", "approve"));
    fireDueTimers(reference);
    assertThat(auditReturns.submittedCount(reference, "police")).isEqualTo(6);
    assertThat(outbox(reference, "selection-amended")).hasSize(4);
  }

  @Test
  void oneOfTheSixSwappedWhenEveryAgencyHadReturnedAndThePackWasStillToComeReopensTheAuditsForThatChildOnly() {
    String reference = newReference();
    List<String> six = reachWeek2(reference, "domestic-abuse", NOTIFIED, 20, 6);
    List<String> first = selected.firstSelection(reference);
    for (String agency : AGENCIES) {
      for (int child = 1; child <= 6; child++) {
        complete(childTask(reference, "Task_CompleteAuditTool", agency, child), Map.of("auditInvolvement", "involved",
            "auditToolCompleted", true, "chronologyCompleted", true, "returnLocation", "Audit/" + agency + "/child-" + child));
        complete(childTask(reference, "Task_SignOffAudit", agency, child), Map.of("auditDecision", "approve"));
      }
    }
    fireDueTimers(reference);
    assertThat(openTasks(reference, "Task_CompleteAuditTool")).as("every return in").isEmpty();
    assertThat(task(reference, "Task_CompileAuditPack")).as("the pack still to come").isNotNull();

    amend("laim", "laim", form(reference, "audit", six.get(4), first.get(12), "The inspectors chose another child"));

    for (String agency : AGENCIES) {
      Task fresh = childTask(reference, "Task_CompleteAuditTool", agency, 5);
      assertThat(fresh).as(agency + " audits the new child").isNotNull();
      assertThat(forms.getTaskFormVariables(fresh.getId()).get("childReference")).isEqualTo(first.get(12));
      assertThat(auditReturns.submittedCount(reference, agency)).as(agency + ": the other five kept").isEqualTo(5);
    }
    assertThat(openTasks(reference, "Task_CompleteAuditTool")).as("that child only").hasSize(AGENCIES.size());
    assertThat(task(reference, "Task_CompileAuditPack")).as("the pack waits in the Business Unit's list").isNotNull();
    assertThat(outbox(reference, "selection-amended")).hasSize(AGENCIES.size());

    // Three agencies audit the new child; probation does not by AUDITS_DUE and only probation is escalated.
    for (String agency : List.of("la", "police", "health")) {
      complete(childTask(reference, "Task_CompleteAuditTool", agency, 5), Map.of("auditInvolvement", "involved",
          "auditToolCompleted", true, "chronologyCompleted", true, "returnLocation", "Audit/" + agency + "/new-child-5"));
      complete(childTask(reference, "Task_SignOffAudit", agency, 5), Map.of("auditDecision", "approve"));
      assertThat(auditReturns.submittedCount(reference, agency)).as(agency).isEqualTo(6);
    }
    fireDueTimers(reference);
    moveClockTo("2027-06-01T12:00:01+01:00"); // AUDITS_DUE, day 6
    fireDueTimers(reference);
    assertThat(outbox(reference, "audit-returns-overdue")).singleElement().satisfies(row -> {
      assertThat((String) row.get("subject")).contains("1 audit return missing (Probation)");
      assertThat(row.get("recipients")).isEqualTo("probation.senior@york.example,cyscp@york.gov.uk");
    });

    // The board after the corrected selection: each agency had a seventh audit to do, for the new child; probation's
    // is overdue, the others are done on time.
    InspectionBoard.Board after = board.of(schedules.find(reference).orElseThrow(), null);
    assertThat(auditToolCell(after, "probation")).satisfies(cell -> {
      assertThat(cell.state()).isEqualTo(InspectionBoard.State.OVERDUE);
      assertThat(cell.tasks()).isEqualTo(7);
    });
    assertThat(auditToolCell(after, "la")).satisfies(cell -> {
      assertThat(cell.state()).isEqualTo(InspectionBoard.State.DONE_ON_TIME);
      assertThat(cell.tasks()).isEqualTo(7);
    });
  }

  private static InspectionBoard.Cell auditToolCell(InspectionBoard.Board board, String agency) {
    return board.rows().stream().filter(row -> row.agency().equals(agency)).flatMap(row -> row.cells().stream())
        .filter(cell -> cell.step().equals("Task_CompleteAuditTool")).findFirst().orElseThrow();
  }

  @Test
  void anAmendmentOutsideItsStageOrByAnyoneButLaimIsRefusedNamingTheFieldAndNothingChanges() throws Exception {
    String reference = newReference();
    startStage("child-selection", reference, "domestic-abuse", NOTIFIED, "2027-05-26T10:00:00+01:00");
    List<String> children = ChildData.references(650, 20);
    List<String> other = ChildData.references(651, 1);
    complete(task(reference, "Task_RecordFirstSelection"), Map.of("firstSelectionEntry", ChildData.lines(children)));

    assertThatThrownBy(() -> amend("laim", "laim", form(reference, "audit", children.get(0), children.get(1), "Swapped by the inspectors")))
        .hasMessageContaining("selection: the children selected for audit can be amended only while the case audits run");
    assertThatThrownBy(() -> amend("laim", "laim", form(reference, "first", other.get(0), children.get(1), "Swapped by the inspectors")))
        .hasMessageContaining("replacedChild: is not one of the children selected first")
        .hasMessageContaining("newChild: is already one of the children selected first")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(other.get(0)).doesNotContain(children.get(1)));
    assertThatThrownBy(() -> amend("laim", "laim", form(reference, "first", children.get(0), "not-a-child", "Swapped by the inspectors")))
        .hasMessageContaining("newChild: is not");
    assertThatThrownBy(() -> amend("laim", "laim", form(reference, "first", children.get(0), other.get(0), "typo")))
        .hasMessageContaining("amendmentReason: must say why");
    assertThatThrownBy(() -> amend("laim", "laim", form("JTAI-2027-05-NOSUCH", "first", children.get(0), other.get(0), "Swapped by the inspectors")))
        .hasMessageContaining("inspectionReference: is no inspection of this service");
    for (String[] user : new String[][] {{"police.lead", "police"}, {"bu", "business-unit"}}) {
      assertThatThrownBy(() -> amend(user[0], user[1], form(reference, "first", children.get(0), other.get(0), "Swapped by the inspectors")))
          .as(user[0]).hasMessageContaining("does not have 'CREATE");
    }
    assertThat(selected.firstSelection(reference)).containsExactlyElementsOf(children);
    assertThat(amendments.of(reference)).isEmpty();
    assertThat(outbox(reference, "selection-amended")).isEmpty();
  }
}
