package uk.jtai.response.partnership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.jtai.response.support.BetweenInspectionsTestSupport;
import uk.jtai.response.support.ChildData;

/**
 * A partnership adds the next theme as a file, with no code change: the tests run the service with
 * jtai.themes.extra-location on src/test/resources/added-themes (application-test.yaml), and the
 * first days of an inspection run on the neglect theme there, with its own agencies, counts, Annex A
 * lists, question and deadlines; so does readiness. A theme announced with only what is public
 * (criminal-exploitation) loads, but cannot start readiness until its file lists the evidence.
 */
class AddedThemeTest extends BetweenInspectionsTestSupport {

  @Autowired ThemeRegistry themes;

  private String startForm(String processKey) {
    return repository.createProcessDefinitionQuery().processDefinitionKey(processKey).latestVersion().singleResult().getId();
  }

  @Test
  void theFirstDaysOfAnInspectionRunOnAThemeAddedAsAFile() throws Exception {
    assertThat(themes.theme("neglect").name()).isEqualTo("Children aged 7 to 15 experiencing neglect");
    String startFormJson = new String(forms.getDeployedStartForm(startForm("jtai-inspection")).readAllBytes(), StandardCharsets.UTF_8);
    assertThat(startFormJson).as("the start form offers it").contains("\"value\" : \"neglect\"");

    String reference = newReference();
    startInspection(reference, "neglect", "2027-05-24T09:10:00+01:00");
    assertThat(jdbc.queryForObject("select due from jtai_milestone where reference = ? and name = 'TWENTY_SELECTED'",
        OffsetDateTime.class, reference).toInstant()).as("its own deadline: day 4 at 12:00").isEqualTo(instant("2027-05-27T12:00:00+01:00"));

    moveClockTo("2027-05-24T10:00:00+01:00");
    complete(task(reference, "Task_NotifyPartners"), Map.of("contactsCurrent", true));
    List<Task> confirmations = openTasks(reference, "Task_ConfirmLeadContact");
    assertThat(confirmations).as("its agencies").extracting(task -> uk.jtai.response.tasks.TaskNaming.step(task.getName()))
        .containsExactlyInAnyOrder(
        "Confirm your lead contact is available and briefed (Local Authority)",
        "Confirm your lead contact is available and briefed (Police)",
        "Confirm your lead contact is available and briefed (Health)",
        "Confirm your lead contact is available and briefed (Education)");
    assertThat(confirmations.get(0).getDueDate().toInstant()).isEqualTo(instant("2027-05-24T16:00:00+01:00"));
    confirmations.forEach(task -> complete(task, Map.of("confirmedContact", "lead", "contactName", "Lead", "briefed", true)));

    moveClockTo("2027-05-25T11:00:00+01:00");
    assertThat(rows(task(reference, "Task_SubmitAnnexA"), "annexALists")).extracting(row -> row.get("id").asText())
        .containsExactly("referrals-neglect", "child-protection-plans", "multi-agency-audits");
    submitAnnexA(reference);

    moveClockTo("2027-05-26T10:00:00+01:00");
    List<String> children = ChildData.references(91, 16);
    Task first = task(reference, "Task_RecordFirstSelection");
    assertThatThrownBy(() -> tasks.complete(first.getId(), Map.of("firstSelectionEntry", ChildData.lines(children.subList(0, 14)))))
        .hasMessageContaining("the inspectors select 15 to 18 children; 14 were entered");
    complete(first, Map.of("firstSelectionEntry", ChildData.lines(children)));
    List<Task> returns = openTasks(reference, "Task_ReturnKnownToAgency");
    assertThat(returns).hasSize(4);
    for (Task answer : returns) {
      assertThat(rows(answer, "knownToAgencyAnswers")).as("'known' and the theme's own question, per child").hasSize(16 * 2)
          .anyMatch(row -> row.get("questionId").asText().equals("neglect-known"));
      assertThat(answer.getDueDate().toInstant()).as("its three working hours").isEqualTo(instant("2027-05-26T13:00:00+01:00"));
      complete(answer, Map.of("knownToAgencyAnswers", SpinValues.jsonValue(forms.getTaskFormVariables(answer.getId()).get("knownToAgencyAnswers")
          .toString().replace("\"answer\":\"\"", "\"answer\":\"no\"")).create()));
    }
    fireDueTimers(reference);
    moveClockTo("2027-05-26T11:30:00+01:00");
    complete(task(reference, "Task_ForwardReturns"), Map.of("returnsSentToInspectors", true, "returnsSentAt", "2027-05-26T11:00:00+01:00"));
    complete(task(reference, "Task_RecordAuditSelection"), Map.of("auditSelectionEntry", ChildData.lines(children.subList(0, 4))));
    complete(task(reference, "Task_SendAuditTool"), Map.of("auditToolAvailable", true));
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).processDefinitionKey("child-selection")
        .finished().count()).as("days 3 to 5 done on its counts").isEqualTo(1);
    assertThat(openTasks(reference, "Task_GiveFieldworkMeetings")).hasSize(4);
  }

  @Test
  void readinessRunsOnAnAddedThemeOnceItsFileListsTheEvidence() {
    moveClockTo("2027-06-01T10:00:00+01:00");
    Map<String, Object> values = new HashMap<>();
    values.put("theme", "neglect");
    values.put("evidenceLocation", "Shared folder / Neglect");
    values.put("readinessDue", "2027-06-30T17:00:00+01:00");
    String key = startWithForm("theme-readiness", values).getBusinessKey();
    assertThat(openTasks(key, "Task_CompleteChecklist")).extracting(Task::getName).containsExactlyInAnyOrder(
        "Complete your documentary evidence checklist (Local Authority)",
        "Complete your documentary evidence checklist (Police)", "Complete your documentary evidence checklist (Health)");

    values.put("theme", "criminal-exploitation");
    assertThatThrownBy(() -> startWithForm("theme-readiness", values))
        .hasMessageContaining("theme: the theme file of 'Children at risk of criminal exploitation' lists no documentary evidence "
            + "for Local Authority, Police, Health (statutory partners always provide it, guidance 7.3)");
  }
}
