package uk.jtai.response.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.script.InspectionScript;
import uk.jtai.response.script.InspectionScript.When;
import uk.jtai.response.support.ChildData;

/**
 * Issue 16's silent partner: for each agency of the domestic-abuse theme in turn, an inspection in which that
 * agency never does anything and the Local Authority never submits Annex A, every other party acting on time,
 * driven as {@link FullInspectionSimulationIT} drives one (the engine clock moved like a discrete-event
 * simulation, {@link InspectionClock}). Its own in-memory database and engine, as the full simulation has:
 * the inspections it leaves running (a silent agency's tasks stay open) meet no other test's.
 */
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:jtai-silent;DB_CLOSE_DELAY=-1",
    "camunda.bpm.process-engine-name=silent", "camunda.bpm.webapp.enabled=false"})
@DirtiesContext
class SilentPartnerSimulationIT extends SimulationSupport {

  private static final AtomicInteger SERIES = new AtomicInteger(300);

  /** The domestic-abuse theme's agencies, each the silent one of a run. */
  static Stream<String> agenciesOfTheDomesticAbuseTheme() {
    return Stream.of("la", "police", "health", "probation", "education");
  }

  /**
   * A silent partner (issue 16): {@code silent} never does anything and the Local Authority never submits
   * Annex A; every other party acts on time. Every other party's tasks are open at their milestones (the
   * script fails on a task that is not), the inspection reaches the findings on day 15 and goes on to the
   * after-fieldwork stage, and each of the silent agency's tasks that passed its deadline was escalated
   * once and is on the inspection's list of missed deadlines.
   */
  @ParameterizedTest(name = "{0} silent")
  @MethodSource("agenciesOfTheDomesticAbuseTheme")
  void aSilentPartnerDoesNotStopTheInspection(String silent) throws Exception {
    Theme theme = themes.theme("domestic-abuse");
    assertThat(theme.agencies()).as("the theme's agencies, each silent once").containsExactlyInAnyOrderElementsOf(
        agenciesOfTheDomesticAbuseTheme().toList());
    Instant notifiedAt = begin(theme);
    clock = clock.withoutDelivery();
    List<String> children = ChildData.references(SERIES.getAndAdd(50), theme.selection().first().max());

    // With a return missing, LAIM's forward opens when the returns are due, and LAIM forwards then; with a statutory
    // partner's approval missing, LAIM's submission of the audit report opens at 17:00 on day 9, and LAIM submits then.
    InspectionScript script = InspectionScript.onTime().silent(silent)
        .late("Task_ForwardReturns", null, When.milestone("KNOWN_TO_AGENCY_DUE", Duration.ofMinutes(5)));
    if (silent.equals(InspectionScript.CONCERN_AGENCY)) {
      // The issue of concern is about the silent agency: no response comes, so LAIM has none to record (it is
      // escalated to the DCS when due, as every unanswered concern is).
      script = script.without("Task_RecordConcernResponse");
    }
    if (partnership.agency(silent).statutory()) {
      script = script.late("Task_SubmitAuditReport", null, When.milestone("AUDIT_REPORT_DUE", Duration.ofMinutes(5)));
    }
    script = script
        .without("Task_SubmitAnnexA", "Task_CommentOnDraft", "Task_ArrangeKitMeetings", "Task_NameKitLeader",
            InspectionScript.PLANNING_FINISHED)
        .between("start", "Task_RecordFindings");
    InspectionClock.set(notifiedAt);
    script.run(demo.inspection(reference, theme, notifiedAt, children, theme.selection().audit().max()),
        demo.performer(schedules, calendar, clock::runUntil, ref -> clock.runJobs()));
    clock.runJobs();

    assertThat(history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(reference).taskDefinitionKey("Task_RecordFindings")
        .finished().count()).as("the findings recorded").isEqualTo(1);
    assertThat(calledProcess(reference, "after-fieldwork")).as("after fieldwork started, whoever is late").isNotNull();

    String agencyName = partnership.agency(silent).shortName();
    String missed = (String) runtime.getVariable(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey("jtai-inspection").singleResult().getId(), "missedDeadlines");
    assertThat(missed).as("missed deadlines on the inspection").contains("ANNEX_A_DUE").contains(": " + agencyName);
    List<String> overdue = outbox(reference, "task-overdue").stream().map(row -> (String) row.get("SUBJECT")).toList();
    assertThat(overdue).as("each overdue task escalated once").doesNotHaveDuplicates();
    Instant findings = clock.now();
    List<String> missingReturns = outbox(reference, "audit-returns-overdue").stream().map(row -> (String) row.get("SUBJECT")).toList();
    assertThat(missingReturns).as("each agency's missing audit returns escalated once").doesNotHaveDuplicates();
    List<org.camunda.bpm.engine.task.Task> lateTasks = new ArrayList<>();
    for (org.camunda.bpm.engine.task.Task task : tasks.createTaskQuery().processInstanceBusinessKey(reference).list()) {
      if (silent.equals(tasks.getVariable(task.getId(), "agency")) && task.getDueDate() != null
          && task.getDueDate().toInstant().isBefore(findings)) {
        lateTasks.add(task);
      }
    }
    assertThat(lateTasks).as("the silent agency's tasks past their deadline").isNotEmpty();
    for (org.camunda.bpm.engine.task.Task task : lateTasks) {
      // The case audits are escalated per agency (all its missing returns in one e-mail), the rest per task.
      List<String> escalations = task.getTaskDefinitionKey().equals("Task_CompleteAuditTool")
          || task.getTaskDefinitionKey().equals("Task_SignOffAudit")
          ? missingReturns.stream().filter(subject -> subject.endsWith("(" + agencyName + ")")).toList()
          : overdue.stream().filter(subject -> subject.endsWith(" - " + uk.jtai.response.tasks.TaskNaming.step(task.getName()))).toList();
      assertThat(escalations).as("escalations of '" + task.getName() + "', due " + task.getDueDate()).hasSize(1);
    }
  }
}
