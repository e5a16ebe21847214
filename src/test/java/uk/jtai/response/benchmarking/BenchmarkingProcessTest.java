package uk.jtai.response.benchmarking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.jtai.response.support.BetweenInspectionsTestSupport;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.TestUsers;
import uk.jtai.response.tasks.SubmissionRejectedException;

/** bpmn/benchmarking.bpmn: the benchmarking self-assessment (guidance 8) and the presentation for day 11. */
class BenchmarkingProcessTest extends BetweenInspectionsTestSupport {

  static final String SENT = "2027-06-01T10:00:00+01:00";
  static final String DUE = "2027-06-18T12:00:00+01:00";
  static final Map<String, String> RATINGS = Map.of("la", "green", "police", "amber", "health", "red", "probation", "green",
      "education", "amber");

  @Autowired Benchmarking benchmarking;
  @LocalServerPort int port;

  /** Each test's "latest presentation" is its own. */
  @BeforeEach
  void noPresentationYet() {
    jdbc.update("update jtai_benchmarking set presentation = null, presentation_by = null, presentation_at = null");
  }

  private String sendTemplate(String theme, String due) {
    Map<String, Object> values = new HashMap<>();
    values.put("theme", theme);
    values.put("templateLocation", "CYSCP JTAI shared folder / Benchmarking Guidance");
    values.put("benchmarkingDue", due);
    return startWithForm("benchmarking", values).getBusinessKey();
  }

  private void rate(String key, String agency, String rag) {
    Task task = agencyTask(key, "Task_RateCriteria", agency);
    complete(task, Map.of("criterionRatings", rowsChanged(task, "criterionRatings", row -> row.put("rag", rag)
        .put("workingWell", "Named leads in every team").put("worried", "Waiting lists for help")
        .put("needsToHappen", "Commission more places"))));
  }

  private ProcessInstance process(String key) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).singleResult();
  }

  private Http as(String user, String group) {
    TestUsers.ensure(engine.getIdentityService(), user, group);
    return Http.as(port, user, TestUsers.PASSWORD);
  }

  @Test
  void everyAgencyRatesEachCriterionAndTheBusinessUnitRecordsThePresentationForDay11() {
    moveClockTo(SENT);
    String key = sendTemplate("domestic-abuse", DUE);
    assertThat(key).startsWith("BENCHMARKING-DOMESTIC-ABUSE-2027-06-01");
    ProcessInstance process = process(key);
    assertThat(process).isWaitingAt("Task_RateCriteria", "Task_AnalyseBenchmarking");
    Task police = agencyTask(key, "Task_RateCriteria", "police");
    assertThat(police.getName()).isEqualTo("Rate your agency against the evaluation criteria (Police)");
    assertThat(police.getDueDate().toInstant()).isEqualTo(instant(DUE));
    ArrayNode rows = rows(police, "criterionRatings");
    assertThat(rows).hasSize(13);
    assertThat(rows.get(0).get("text").asText()).startsWith("Through the eyes of the child: Practitioners see incidents of domestic abuse");
    assertThat(outbox(key, "between-inspections-task")).hasSize(5)
        .extracting(row -> row.get("recipients")).contains("police.lead@york.example,police.deputy@york.example");

    RATINGS.keySet().stream().filter(agency -> !agency.equals("la")).forEach(agency -> rate(key, agency, RATINGS.get(agency)));
    Task la = agencyTask(key, "Task_RateCriteria", "la");
    ArrayNode formFieldsOnly = rows(la, "criterionRatings");
    formFieldsOnly.forEach(row -> {
      ObjectNode fields = (ObjectNode) row;
      fields.remove(List.of("criterion", "title"));
      fields.put("rag", "green").put("workingWell", "Named leads in every team").put("worried", "Waiting lists for help")
          .put("needsToHappen", "Commission more places");
    });
    complete(la, Map.of("criterionRatings", jsonValue(formFieldsOnly)));
    fireDueTimers(key);

    assertThat(process).hasPassed("Event_AllAgenciesRated").isWaitingAt("Task_AnalyseBenchmarking");
    Task analysis = task(key, "Task_AnalyseBenchmarking");
    List<Map<String, String>> view = table(analysis, "benchmarkingRatings");
    assertThat(view).hasSize(13);
    assertThat(view.get(0)).containsEntry("criterion", "Through the eyes of the child").containsEntry("police", "Amber")
        .containsEntry("health", "Red").containsEntry("la", "Green").containsEntry("partnership", "1 Red, 2 Amber, 2 Green");
    assertThat(tasks.getVariable(analysis.getId(), "ratingsMissing")).isEqualTo("");
    assertThat(rows(analysis, "benchmarkingColumns")).extracting(column -> column.get("label").asText())
        .containsExactly("Evaluation criterion", "Local Authority", "Police", "Health", "Probation", "Education", "Partnership");

    HttpResponse<String> download = as("benchmark-bu", "business-unit").get("/api/benchmarking/" + key + "/ratings.csv");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).contains("Evaluation criterion,Agency,Rating,What is working well,What are we worried about,"
        + "What needs to happen,Returned")
        .contains("Through the eyes of the child,Police,Amber,Named leads in every team,Waiting lists for help,Commission more places,"
            + "1 June 2027");
    assertThat(download.body().lines().count()).isEqualTo(1 + 13 * 5);
    assertThat(as("benchmark-police", "police").get("/api/benchmarking/" + key + "/ratings.csv").statusCode()).isEqualTo(403);

    complete(analysis, Map.of("presentationReference", "CYSCP JTAI inspection folder / Presentation - domestic abuse v1"));
    assertThat(process).isEnded().hasPassed("Event_PresentationRecorded");
    assertThat(benchmarking.latestPresentation("domestic-abuse")).isEqualTo("CYSCP JTAI inspection folder / Presentation - domestic abuse v1");
    assertThat(benchmarking.latestPresentation("front-door")).isNull();
    HttpResponse<String> presentation = as("benchmark-bu", "business-unit").get("/api/themes/domestic-abuse/presentation");
    assertThat(presentation.statusCode()).isEqualTo(200);
    assertThat(presentation.body()).contains("\"presentation\":\"CYSCP JTAI inspection folder / Presentation - domestic abuse v1\"")
        .contains("\"benchmarking\":\"" + key + "\"");
    assertThat(as("benchmark-police", "police").get("/api/themes/domestic-abuse/presentation").statusCode()).isEqualTo(403);
    assertThat(outbox(key, "task-overdue")).isEmpty();
  }

  @Test
  void aLateAgencyIsEscalatedAndTheBusinessUnitMayGoOnWithoutItsReturn() {
    moveClockTo(SENT);
    String key = sendTemplate("domestic-abuse", DUE);
    RATINGS.keySet().stream().filter(agency -> !agency.equals("education")).forEach(agency -> rate(key, agency, RATINGS.get(agency)));
    moveClockTo("2027-06-18T11:59:00+01:00");
    fireDueTimers(key);
    assertThat(outbox(key, "task-overdue")).isEmpty();
    moveClockTo("2027-06-18T12:00:01+01:00");
    fireDueTimers(key);

    List<Map<String, Object>> escalations = outbox(key, "task-overdue");
    assertThat(escalations).hasSize(1);
    assertThat(escalations.get(0).get("recipients")).isEqualTo("education.lead@york.example,education.deputy@york.example,cyscp@york.gov.uk");
    assertThat((String) escalations.get(0).get("body")).contains("12:00 on Friday 18 June");
    Task analysis = task(key, "Task_AnalyseBenchmarking");
    assertThat(analysis.getDueDate().toInstant()).as("5 working days after the deadline").isEqualTo(instant("2027-06-25T17:00:00+01:00"));
    assertThat(tasks.getVariable(analysis.getId(), "ratingsMissing")).isEqualTo("Education");
    assertThat(table(analysis, "benchmarkingRatings").get(0)).containsEntry("education", "Not returned")
        .containsEntry("partnership", "1 Red, 1 Amber, 2 Green, 1 not returned");

    assertThatThrownBy(() -> tasks.complete(analysis.getId(), Map.of("presentationReference", "Presentation v1")))
        .isInstanceOf(SubmissionRejectedException.class)
        .hasMessageContaining("proceedWithoutAll: not every agency has returned its ratings (Education)");
    complete(analysis, Map.of("presentationReference", "Presentation v1", "proceedWithoutAll", true));
    assertThat(process(key)).isNull();
    assertThat(openTasks(key, "Task_RateCriteria")).as("the outstanding return is no longer asked for").isEmpty();

    moveClockTo("2027-09-01T10:00:00+01:00");
    String again = sendTemplate("domestic-abuse", "2027-09-17T12:00:00+01:00");
    RATINGS.forEach((agency, rag) -> rate(again, agency, rag));
    fireDueTimers(again);
    complete(task(again, "Task_AnalyseBenchmarking"), Map.of("presentationReference", "Presentation v2"));
    assertThat(benchmarking.latestPresentation("domestic-abuse")).as("the latest on the theme").isEqualTo("Presentation v2");
  }

  @Test
  void everyCriterionIsRatedRedAmberOrGreenInSignsOfSafetyForm() {
    moveClockTo(SENT);
    String key = sendTemplate("domestic-abuse", DUE);
    Task police = agencyTask(key, "Task_RateCriteria", "police");
    ArrayNode rows = rows(police, "criterionRatings");
    rows.forEach(row -> ((ObjectNode) row).put("rag", "green").put("workingWell", "Good"));
    ((ObjectNode) rows.get(0)).put("rag", "");
    ((ObjectNode) rows.get(1)).put("rag", "amber");
    ((ObjectNode) rows.get(2)).put("workingWell", " ");
    ((ObjectNode) rows.get(3)).put("rag", "purple");
    rows.remove(12);

    assertThatThrownBy(() -> tasks.complete(police.getId(), Map.of("criterionRatings", jsonValue(rows))))
        .isInstanceOf(SubmissionRejectedException.class)
        .hasMessageContaining("criterionRatings[0].rag: 'Through the eyes of the child': rate it Red, Amber or Green")
        .hasMessageContaining("criterionRatings[1].worried: 'A child-centred approach': rated Amber, so say what we are worried about")
        .hasMessageContaining("criterionRatings[1].needsToHappen: 'A child-centred approach': rated Amber, so say what needs to happen")
        .hasMessageContaining("criterionRatings[2].workingWell: 'Risks prevented and reduced through timely help': say what is working well")
        .hasMessageContaining("criterionRatings[3].rag:")
        .hasMessageContaining("criterionRatings: 'The partnership monitors, coordinates and evaluates' is not rated");
    assertThat(agencyTask(key, "Task_RateCriteria", "police")).isNotNull();
    assertThat(jdbc.queryForObject("select count(*) from jtai_benchmark_rating where benchmarking_key = ?", Integer.class, key)).isZero();
  }

  @Test
  void aSelfAssessmentNeedsTheThemesEvaluationCriteriaAndADeadlineAhead() {
    moveClockTo(SENT);
    assertThatThrownBy(() -> sendTemplate("serious-youth-violence", "2027-05-31T12:00:00+01:00"))
        .isInstanceOf(SubmissionRejectedException.class)
        .hasMessageContaining("theme: the theme file of 'Serious youth violence' has no evaluation criteria yet")
        .hasMessageContaining("benchmarkingDue: must be ahead of now");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("benchmarking").count()).isZero();
  }
}
