package uk.jtai.response.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;

/**
 * The Business Unit's work between inspections in Tasklist, as the demo users whose job each step is: theme
 * readiness (an agency's checklist, its senior's sign-off, another agency's quality assurance), benchmarking,
 * the partnership contacts check and a rehearsal, started and ended.
 */
class BetweenInspectionsBrowserIT extends FormsBrowserTestSupport {

  @Override
  String reference() {
    throw new UnsupportedOperationException("the work between inspections has no inspection: each step names its process");
  }

  /** The one running instance of a between-inspections process, by its business key. */
  private String running(String processKey) {
    List<String> keys = runtime.createProcessInstanceQuery().processDefinitionKey(processKey).list().stream()
        .map(ProcessInstance::getBusinessKey).toList();
    assertThat(keys).as("running " + processKey).hasSize(1);
    return keys.get(0);
  }

  /** The other agencies' copies of a task with a list of rows, through the engine API: the {@code fields} set on every row. */
  private void completeRestSettingRows(String businessKey, String taskKey, String variable, Map<String, String> fields)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    for (Task task : openTasks(businessKey, taskKey)) {
      JsonNode rows = json.readTree(forms.getTaskFormVariables(task.getId()).get(variable).toString());
      rows.forEach(row -> fields.forEach(((ObjectNode) row)::put));
      complete(task, Map.of(variable, SpinValues.jsonValue(rows.toString()).create()));
    }
  }

  @Test
  void theBusinessUnitsWorkBetweenInspections() throws IOException {
    moveClockTo("2027-09-01T10:00:00+01:00");

    // Documentary evidence for a theme: an agency's checklist, its senior's sign-off, another agency's quality assurance
    startInBrowser("bu", "Theme readiness: documentary evidence (between inspections)", "start-theme-readiness", form -> form
        .select("Theme", "Children who are victims of domestic abuse")
        .type("Where the filing structure is", "CYSCP JTAI shared folder / Domestic abuse")
        .dateTime("Checklists due by: date", "Time (UK)", instant("2027-09-30T17:00:00+01:00")));
    String readiness = running("theme-readiness");
    inBrowser(readiness, "police.lead", "Task_CompleteChecklist", form -> {
      int documents = form.count("Uploaded to the shared folder");
      assertThat(documents).as("documents on the police checklist").isPositive();
      for (int row = 0; row < documents; row++) {
        form.check("Uploaded to the shared folder", row, true)
            .check("Approved by the senior authority", row, true)
            .type("Where it is (if uploaded)", row, "Domestic abuse/Police/" + (row + 1));
      }
      form.select("Ask another agency to quality-assure this evidence (optional)", "Health").save();
    });
    fireDueTimers(readiness);
    inBrowser(readiness, "police.senior", "Task_SignOffEvidence", form -> form
        .choose("Your decision", "Formal sign-off given")
        .check("I give formal sign-off for each document on this checklist"));
    fireDueTimers(readiness);
    inBrowser(readiness, "health.lead", "Task_QualityAssureEvidence", form -> form.choose("Outcome", "Assured"));
    fireDueTimers(readiness);
    assertThat(jdbc.queryForObject("select state from jtai_readiness_agency where readiness_key = ? and agency = 'police'",
        String.class, readiness)).as("the police evidence once signed off and assured").isEqualTo("SIGNED_OFF");
    inBrowser(readiness, "bu", "Task_TrackEvidence", form -> form
        .check("Close readiness for this theme")
        .type("Why readiness is closed", "A new theme was announced"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(readiness).count()).as("readiness closed").isZero();

    // Benchmarking: each agency rates the evaluation criteria, the Business Unit analyses the returns
    startInBrowser("bu", "Benchmarking self-assessment (between inspections)", "start-benchmarking", form -> form
        .select("Theme", "Children who are victims of domestic abuse")
        .type("Where the benchmarking guidance is", "CYSCP JTAI shared folder / Benchmarking Guidance")
        .dateTime("Returns due by: date", "Time (UK)", instant("2027-09-17T12:00:00+01:00")));
    String benchmarking = running("benchmarking");
    inBrowser(benchmarking, "police.lead", "Task_RateCriteria", form -> {
      int criteria = form.count("Rating");
      assertThat(criteria).as("evaluation criteria of the theme").isPositive();
      for (int row = 0; row < criteria; row++) {
        // Signs of Safety: each rating says at least one of what works, what worries, what needs to happen.
        boolean amber = row % 3 == 0;
        form.select("Rating", row, amber ? "Amber" : "Green")
            .type("What is working well", row, "Named leads in every team");
        if (amber) {
          // Amber or Red says what worries us and what needs to happen too.
          form.type("What are we worried about", row, "Waiting lists for help")
              .type("What needs to happen", row, "Commission more places");
        }
      }
      form.save();
    });
    completeRestSettingRows(benchmarking, "Task_RateCriteria", "criterionRatings", Map.of("rag", "green",
        "workingWell", "Named leads in every team"));
    fireDueTimers(benchmarking);
    inBrowser(benchmarking, "bu", "Task_AnalyseBenchmarking", form -> form
        .type("Where the presentation is saved", "CYSCP JTAI inspection folder / Presentation - domestic abuse"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(benchmarking).count()).as("benchmarking done").isZero();

    // The partnership contacts check, asked for by the Business Unit (no start form: Tasklist's own)
    as("bu").startWithoutForm("Partnership contacts check (quarterly)");
    String contacts = running("partnership-contacts");
    inBrowser(contacts, "police.lead", "Task_ConfirmContacts", form -> form
        .choose("Are these current?", "No, they need changing")
        .type("What needs changing (names, roles and work e-mail addresses)", "New deputy: DI Smith, di.smith@police.example")
        .check("The lead contact and deputies are briefed on their role once a JTAI is notified"));
    completeAll(contacts, "Task_ConfirmContacts", Map.of("contactsCurrent", "current", "briefed", true));
    fireDueTimers(contacts);
    inBrowser(contacts, "bu", "Task_ReviewContacts", form -> form
        .check("The partnership file is updated with the changes asked for"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(contacts).count()).as("contacts check done").isZero();

    // A rehearsal, started and ended by the Business Unit
    startInBrowser("bu", "Rehearsal of an inspection (dry run)", "start-rehearsal", form -> form
        .select("Theme (leave empty for the current theme)", "Children who are victims of domestic abuse"));
    String rehearsal = running("rehearsal");
    String rehearsed = rehearsal.replace("-CONTROL", "");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(rehearsed).count()).as("the rehearsed inspection runs")
        .isPositive();
    inBrowser(rehearsal, "bu", "Task_EndRehearsal", form -> form.check("End the rehearsal and delete its data"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(rehearsed).count()).as("the rehearsal deleted").isZero();
    completedEveryFormOf("the work between inspections", BrowserForms.BETWEEN_INSPECTIONS);
  }
}
