package uk.jtai.response.amendment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.jtai.response.childselection.ForwardReturnsForm;
import uk.jtai.response.childselection.KnownToAgencyReturns;
import uk.jtai.response.script.FormValues;
import uk.jtai.response.support.ChildData;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * Issue 16, corrections: an agency corrects its known-to-agency return from Tasklist's start form
 * (bpmn/correct-known-to-agency.bpmn) until LAIM forwards the returns; its sheet reopens with its answers,
 * completing it replaces the return, and the correction is recorded. Refused before it has returned, while its
 * sheet is open, once the returns are forwarded, and to anyone outside the inspection's agencies.
 */
class ReturnCorrectionTest extends ProcessTestSupport {

  private static final String NOTIFIED = "2027-05-24T09:10:00+01:00";

  @Autowired ReturnCorrections corrections;
  @Autowired KnownToAgencyReturns returns;
  private final ObjectMapper json = new ObjectMapper();

  private void correct(String user, String group, String reference, String reason) {
    engine.getIdentityService().setAuthentication(user, List.of(group));
    try {
      String definition = repository.createProcessDefinitionQuery().processDefinitionKey(ReturnCorrection.PROCESS_KEY)
          .latestVersion().singleResult().getId();
      Map<String, Object> form = new HashMap<>();
      form.put("inspectionReference", reference);
      form.put("correctionReason", reason);
      forms.submitStartForm(definition, form);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private ArrayNode sheet(Task task) throws Exception {
    return (ArrayNode) json.readTree(forms.getTaskFormVariables(task.getId()).get("knownToAgencyAnswers").toString());
  }

  /** The agency's sheet answered: known Yes for the children at {@code known} (1-based), every other answer No. */
  private void answer(String reference, String agency, List<Integer> known) throws Exception {
    Task task = agencyTask(reference, "Task_ReturnKnownToAgency", agency);
    ArrayNode rows = sheet(task);
    for (JsonNode row : rows) {
      boolean yes = known.contains(row.get("childNumber").asInt()) && row.get("questionId").asText().equals("known");
      ((ObjectNode) row).put("answer", yes ? "yes" : "no");
    }
    complete(task, Map.of("knownToAgencyAnswers", SpinValues.jsonValue(rows.toString()).create()));
    fireDueTimers(reference);
  }

  @Test
  void anAgencyCorrectsItsReturnUntilLaimForwardsTheReturns() throws Exception {
    String reference = newReference();
    startStage("child-selection", reference, "domestic-abuse", NOTIFIED, "2027-05-26T10:00:00+01:00");
    List<String> children = ChildData.references(654, 20);
    complete(task(reference, "Task_RecordFirstSelection"), Map.of("firstSelectionEntry", ChildData.lines(children)));

    assertThatThrownBy(() -> correct("police.lead", "police", reference, "A child was answered No in error"))
        .hasMessageContaining("inspectionReference: your agency has not returned yet");
    answer(reference, "police", List.of(1));
    assertThat(returns.byAgency(reference).get("police").get(children.get(2))).containsEntry("known", "no");

    moveClockTo("2027-05-26T11:00:00+01:00");
    correct("police.lead", "police", reference, "Child 3 is known to us: answered No in error");
    Task reopened = agencyTask(reference, "Task_ReturnKnownToAgency", "police");
    assertThat(reopened).as("the police's sheet reopens").isNotNull();
    assertThat(sheet(reopened)).as("with its answers").allSatisfy(row -> assertThat(row.get("answer").asText()).isNotEmpty());
    assertThatThrownBy(() -> correct("police.lead", "police", reference, "Another answer is wrong too"))
        .hasMessageContaining("inspectionReference: your agency's sheet is already open in Tasklist");
    answer(reference, "police", List.of(1, 3));
    assertThat(returns.byAgency(reference).get("police").get(children.get(2))).as("the return corrected").containsEntry("known", "yes");
    assertThat(corrections.of(reference)).singleElement().satisfies(c -> {
      assertThat(c.agency()).isEqualTo("police");
      assertThat(c.correctedBy()).isEqualTo("police.lead");
      assertThat(c.reason()).isEqualTo("Child 3 is known to us: answered No in error");
      assertThat(c.correctedAt()).isEqualTo(instant("2027-05-26T11:00:00+01:00"));
    });

    for (String[] user : new String[][] {{"laim", "laim"}, {"bu", "business-unit"}}) {
      assertThatThrownBy(() -> correct(user[0], user[1], reference, "We would correct the police's return"))
          .as(user[0]).hasMessageContaining("does not have 'CREATE");
    }
    assertThatThrownBy(() -> correct("education.lead", "education", reference, "Education has nothing to return here"))
        .hasMessageContaining("inspectionReference: asks no known-to-agency return of your agency");

    // The other agencies return; LAIM forwards the returns: a correction now goes through LAIM.
    for (String agency : List.of("la", "health", "probation")) {
      answer(reference, agency, List.of());
    }
    complete(task(reference, "Task_ForwardReturns"), FormValues.of(
        new ForwardReturnsForm.Submitted(true, instant("2027-05-26T10:30:00+01:00"))));
    assertThatThrownBy(() -> correct("police.lead", "police", reference, "Child 5 is known to us as well"))
        .hasMessageContaining("inspectionReference: the returns have been forwarded to the inspectors");
    assertThat(corrections.of(reference)).hasSize(1);
    assertThat(openTasks(reference, "Task_ReturnKnownToAgency")).isEmpty();
  }

  @Test
  void aReopenedSheetShowsTheChildrenAlreadyTickedAsNotKnownTickedAgain() throws Exception {
    String reference = newReference();
    startStage("child-selection", reference, "domestic-abuse", NOTIFIED, "2027-05-26T10:00:00+01:00");
    List<String> children = ChildData.references(655, 20);
    complete(task(reference, "Task_RecordFirstSelection"), Map.of("firstSelectionEntry", ChildData.lines(children)));
    Task first = agencyTask(reference, "Task_ReturnKnownToAgency", "health");
    assertThat(forms.getTaskFormVariables(first.getId()).get("notKnownChildren").toString()).as("a first sheet: none ticked")
        .isEqualTo("[]");

    // Health knows child 1, says No for child 2, and has never known the other 18 (a nil return for each).
    List<String> notKnown = children.subList(2, 20);
    ArrayNode rows = json.createArrayNode();
    for (JsonNode row : sheet(first)) {
      String child = row.get("child").asText();
      if (!notKnown.contains(child)) {
        ((ObjectNode) row).put("answer", child.equals(children.get(0)) && row.get("questionId").asText().equals("known") ? "yes" : "no");
        rows.add(row);
      }
    }
    complete(first, Map.of("knownToAgencyAnswers", SpinValues.jsonValue(rows.toString()).create(),
        "notKnownChildren", SpinValues.jsonValue(json.writeValueAsString(notKnown)).create()));
    fireDueTimers(reference);

    moveClockTo("2027-05-26T11:00:00+01:00");
    correct("health.lead", "health", reference, "Child 2 is known to us: answered No in error");
    Task reopened = agencyTask(reference, "Task_ReturnKnownToAgency", "health");
    assertThat(json.readTree(forms.getTaskFormVariables(reopened.getId()).get("notKnownChildren").toString()))
        .as("ticked again, in the inspectors' order").extracting(JsonNode::asText).containsExactlyElementsOf(notKnown);
    assertThat(sheet(reopened)).filteredOn(row -> row.get("child").asText().equals(children.get(1)))
        .as("the answers for the children it knows, kept").allSatisfy(row -> assertThat(row.get("answer").asText()).isEqualTo("no"));
    assertThat(runtime.getVariables(reopened.getExecutionId())).as("a view, never a variable").doesNotContainKey("notKnownChildren");
  }
}
