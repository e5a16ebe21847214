package uk.jtai.response.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.jtai.response.board.InspectionBoard;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.inspection.TakingPart;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * Who takes part (issue 16, item 6): the partnership file lists the integrated care board ("health", in every
 * theme) and the health providers; the Business Unit ticks the providers CQC named when it records the
 * notification, and changes them later (bpmn/change-health-providers.bpmn). A provider taking part does every
 * health step with its own groups; one added later joins the steps open now; one removed leaves them.
 */
class HealthProvidersProcessTest extends ProcessTestSupport {

  private static final String NOTIFIED = "2027-05-24T09:10:00+01:00";

  @Autowired TakingPart takingPart;
  @Autowired StageWithdrawals withdrawals;
  @Autowired InspectionBoard board;
  @Autowired ScheduleRepository scheduleRepository;

  private void startNaming(String reference, List<String> providers) {
    moveClockTo(NOTIFIED);
    Map<String, Object> values = new HashMap<>();
    values.put("reference", reference);
    values.put("theme", "domestic-abuse");
    values.put("notifiedAt", NOTIFIED);
    values.put("healthProviders", providers);
    String definition = repository.createProcessDefinitionQuery().processDefinitionKey("jtai-inspection")
        .latestVersion().singleResult().getId();
    engine.getIdentityService().setAuthentication("bu", List.of("business-unit"));
    try {
      forms.submitStartForm(definition, values);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private void change(String user, List<String> groups, String reference, List<String> providers, String reason) {
    Map<String, Object> form = new HashMap<>();
    form.put("inspectionReference", reference);
    form.put("healthProviders", providers);
    form.put("changeReason", reason);
    engine.getIdentityService().setAuthentication(user, groups);
    try {
      String definition = repository.createProcessDefinitionQuery().processDefinitionKey(HealthProviderChange.PROCESS_KEY)
          .latestVersion().singleResult().getId();
      forms.submitStartForm(definition, form);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private List<Object> agenciesWith(String reference, String taskKey) {
    return openTasks(reference, taskKey).stream().map(t -> tasks.getVariable(t.getId(), "agency")).toList();
  }

  private List<String> candidateGroups(Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId).filter(java.util.Objects::nonNull).toList();
  }

  @Test
  void aProviderNamedAtTheNotificationDoesEveryHealthStepWithItsOwnGroupsAndTheOthersAreToldForInformation() {
    String reference = newReference();
    startNaming(reference, List.of("health-acute"));

    assertThat(takingPart.decisions(reference)).singleElement().satisfies(d -> {
      assertThat(d.agency()).isEqualTo("health-acute");
      assertThat(d.takingPart()).isTrue();
      assertThat(d.decidedBy()).isEqualTo("bu");
    });
    assertThat(runtime.getVariables(calledProcess(reference, "notification-cascade").getId())).doesNotContainKey("healthProviders");
    // Documentary evidence opens at the announcement: the trust's senior approves its own.
    Task approval = openTasks(reference, "Task_ApproveEvidence").stream()
        .filter(t -> "health-acute".equals(tasks.getVariable(t.getId(), "agency"))).findFirst().orElseThrow();
    assertThat(candidateGroups(approval)).containsExactly("health-acute-senior");

    moveClockTo("2027-05-24T10:00:00+01:00");
    complete(task(reference, "Task_NotifyPartners"), Map.of("contactsCurrent", true));
    assertThat(agenciesWith(reference, "Task_ConfirmLeadContact")).containsExactly("la", "police", "health", "health-acute", "probation", "education");
    Task confirmation = agencyTask(reference, "Task_ConfirmLeadContact", "health-acute");
    assertThat(candidateGroups(confirmation)).containsExactly("health-acute");
    // Providers not taking part are told, for information, as every other partner is; the one taking part gets its task.
    assertThat(outbox(reference, "partner-informed")).extracting(m -> (String) m.get("RECIPIENTS"))
        .contains("health-mental.lead@york.example,health-mental.deputy@york.example",
            "health-ambulance.lead@york.example,health-ambulance.deputy@york.example")
        .noneMatch(r -> r.contains("health-acute"));
    assertThat(outbox(reference, "agency-notification")).extracting(m -> (String) m.get("RECIPIENTS"))
        .anyMatch(r -> r.contains("health-acute.lead@york.example"));

    // The board has a row for the trust.
    assertThat(board.of(scheduleRepository.find(reference).orElseThrow(), null).rows())
        .extracting(InspectionBoard.Row::agency).containsSubsequence("health", "health-acute", "probation");
  }

  @Test
  void aProviderAddedLaterJoinsTheOpenStepsUnescalatedAfterTheirDeadlineAndOneRemovedLeavesThem() {
    String reference = newReference();
    startNaming(reference, List.of());
    moveClockTo("2027-05-24T10:00:00+01:00");
    complete(task(reference, "Task_NotifyPartners"), Map.of("contactsCurrent", true));
    assertThat(agenciesWith(reference, "Task_ConfirmLeadContact")).doesNotContain("health-mental", "health-ambulance");

    // CQC names the mental-health trust on day 1, before the confirmations are due.
    moveClockTo("2027-05-24T11:00:00+01:00");
    change("bu", List.of("business-unit"), reference, List.of("health-mental"), "The lead inspector said CQC will look at TEWV");
    assertThat(agenciesWith(reference, "Task_ConfirmLeadContact")).contains("health", "health-mental");
    assertThat(agenciesWith(reference, "Task_ApproveEvidence")).contains("health-mental");
    assertThat(candidateGroups(agencyTask(reference, "Task_ConfirmLeadContact", "health-mental"))).containsExactly("health-mental");
    assertThat(outbox(reference, "provider-added")).singleElement().satisfies(mail -> {
      assertThat(mail.get("RECIPIENTS")).isEqualTo("health-mental.lead@york.example,health-mental.deputy@york.example");
      assertThat((String) mail.get("SUBJECT")).contains("TEWV takes part in the inspection");
      assertThat((String) mail.get("BODY")).doesNotContain("CQC will look at TEWV");
    });

    // The ambulance service is named after the 17:00 deadline: asked late, it is not escalated for that deadline.
    moveClockTo("2027-05-24T17:30:00+01:00");
    change("bu", List.of("business-unit"), reference, List.of("health-mental", "health-ambulance"), "CQC added the ambulance trust");
    fireDueTimers(reference);
    List<String> overdue = outbox(reference, "task-overdue").stream().map(m -> (String) m.get("RECIPIENTS")).toList();
    assertThat(overdue).anyMatch(r -> r.contains("health-mental.deputy@york.example"))
        .noneMatch(r -> r.contains("health-ambulance"));

    // The stage waits for the providers too: everyone else confirms, the cascade's confirmations stay open.
    for (Task task : openTasks(reference, "Task_ConfirmLeadContact")) {
      if (!String.valueOf(tasks.getVariable(task.getId(), "agency")).startsWith("health-")) {
        complete(task, Map.of("confirmedContact", "lead", "contactName", "A. Person", "briefed", true));
      }
    }
    assertThat(agenciesWith(reference, "Task_ConfirmLeadContact")).containsExactlyInAnyOrder("health-mental", "health-ambulance");

    // The mental-health trust is taken off again: its open tasks in every running stage go, the stage goes on.
    moveClockTo("2027-05-25T09:00:00+01:00");
    change("bu", List.of("business-unit"), reference, List.of("health-ambulance"), "CQC will not look at TEWV after all");
    assertThat(agenciesWith(reference, "Task_ConfirmLeadContact")).containsExactly("health-ambulance");
    assertThat(agenciesWith(reference, "Task_ApproveEvidence")).doesNotContain("health-mental").contains("health-ambulance");
    assertThat(withdrawals.of(reference)).extracting(StageWithdrawals.Withdrawal::agency).containsOnly("health-mental");
    assertThat(withdrawals.of(reference)).extracting(StageWithdrawals.Withdrawal::stage)
        .contains("notification-cascade", "documentary-evidence");
    assertThat(outbox(reference, "provider-removed")).singleElement()
        .satisfies(mail -> assertThat((String) mail.get("SUBJECT")).contains("TEWV no longer takes part"));
    assertThat(takingPart.providers(reference)).containsExactly("health-ambulance");
    assertThat(takingPart.decisions(reference)).extracting(TakingPart.Decision::reason).containsExactly(
        "The lead inspector said CQC will look at TEWV", "CQC added the ambulance trust", "CQC will not look at TEWV after all");

    complete(agencyTask(reference, "Task_ConfirmLeadContact", "health-ambulance"),
        Map.of("confirmedContact", "lead", "contactName", "A. Paramedic", "briefed", true));
    assertThat(openTasks(reference, "Task_ConfirmLeadContact")).isEmpty();
    // The board keeps the row of the trust taken off (its work so far), and has the ambulance service's.
    assertThat(board.of(scheduleRepository.find(reference).orElseThrow(), null).rows())
        .extracting(InspectionBoard.Row::agency).contains("health-mental", "health-ambulance");
  }

  @Test
  void badInputOrAnyoneButTheBusinessUnitIsRefusedAndNothingChanges() {
    String reference = newReference();
    startNaming(reference, List.of("health-acute"));
    int open = openTasks(reference, "Task_ApproveEvidence").size();

    assertThatThrownBy(() -> change("bu", List.of("business-unit"), "JTAI-2027-05-NOSUCH", List.of(), "CQC changed its mind"))
        .hasMessageContaining("inspectionReference: is no inspection of this service");
    assertThatThrownBy(() -> change("bu", List.of("business-unit"), reference, List.of("police"), "CQC changed its mind"))
        .hasMessageContaining("healthProviders: 'police' is not a health provider of the partnership");
    assertThatThrownBy(() -> change("bu", List.of("business-unit"), reference, List.of("health-acute"), "CQC changed its mind"))
        .hasMessageContaining("healthProviders: is who takes part already: York Hospital");
    assertThatThrownBy(() -> change("bu", List.of("business-unit"), reference, List.of(), "no"))
        .hasMessageContaining("changeReason: must say why");
    assertThatThrownBy(() -> change("police.lead", List.of("police"), reference, List.of(), "Police would rather health did less"))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> change("health-acute.lead", List.of("health-acute"), reference, List.of(), "We are too busy this week"))
        .isInstanceOf(AuthorizationException.class);

    assertThat(takingPart.providers(reference)).containsExactly("health-acute");
    assertThat(openTasks(reference, "Task_ApproveEvidence")).hasSize(open);
    assertThat(outbox(reference, "provider-removed")).isEmpty();
  }
}
