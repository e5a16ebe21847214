package uk.jtai.response.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import uk.jtai.response.process.Standing;

/** The form is the schema: what a submission may carry, read from the real forms in forms/. */
class SubmissionGuardTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static FormSchema form(String id) {
    try {
      return FormSchema.of(JSON.readTree(Files.readString(Path.of("forms", id + ".form"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SubmissionGuard.Checked check(String form, Map<String, Object> values) {
    return SubmissionGuard.check(form(form), values, Standing.NAMES);
  }

  private static Map<String, Object> answers(String rows) {
    Map<String, Object> values = new HashMap<>();
    values.put("knownToAgencyAnswers", SpinValues.jsonValue(rows).create());
    return values;
  }

  @Test
  void declaredFieldsPassAndChildLevelOnesNeverReachTheEngine() {
    SubmissionGuard.Checked checked = check("known-to-agency",
        answers("[{\"child\":\"98001\",\"question\":\"Known?\",\"questionId\":\"known\",\"childNumber\":1,\"answer\":\"yes\"}]"));
    assertThat(checked.engine()).isEmpty();
    assertThat(checked.submitted()).containsKey("knownToAgencyAnswers");
    assertThat(((JsonNode) checked.submitted().get("knownToAgencyAnswers")).get(0).get("answer").asText()).isEqualTo("yes");

    SubmissionGuard.Checked lead = check("confirm-lead-contact", Map.of("confirmedContact", "lead", "contactName", "A Lead", "briefed", true));
    assertThat(lead.engine()).containsOnlyKeys("confirmedContact", "contactName", "briefed");
  }

  @Test
  void aFieldTheFormDoesNotHaveIsRefusedByName() {
    Map<String, Object> values = new HashMap<>(Map.of("contactsCurrent", true, "policeNote", "98001 is known"));
    assertThatThrownBy(() -> check("notify-partners", values))
        .isInstanceOf(SubmissionRejectedException.class)
        .hasMessageContaining("policeNote: is not a field of form 'notify-partners'");
  }

  @Test
  void whereATaskStandsCannotBeSubmitted() {
    for (String standing : List.of("agency", "reference", "childNumber", "reportVersion", "theme", "concernId")) {
      Map<String, Object> values = new HashMap<>(Map.of("reportDecision", "approve", "qualityAssured", true));
      values.put(standing, "health");
      assertThatThrownBy(() -> check("approve-audit-report", values)).as(standing)
          .hasMessageContaining(standing + ": is set by the service and cannot be submitted");
    }
  }

  @Test
  void eachFieldTakesValuesOfItsKind() {
    assertThatThrownBy(() -> check("confirm-lead-contact", Map.of("confirmedContact", 7, "contactName", true, "briefed", "maybe")))
        .hasMessageContaining("confirmedContact: must be text")
        .hasMessageContaining("contactName: must be text")
        .hasMessageContaining("briefed: must be true or false");
    assertThatThrownBy(() -> check("upload-report-draft", Map.of("newReportVersion", "two")))
        .hasMessageContaining("newReportVersion: must be a whole number");
    assertThatThrownBy(() -> check("record-audit-day", Map.of("attendedAgencies", "police")))
        .hasMessageContaining("attendedAgencies: is not readable JSON");
    assertThatThrownBy(() -> check("record-audit-day", Map.of("attendedAgencies", SpinValues.jsonValue("[{\"a\":1}]").create())))
        .hasMessageContaining("attendedAgencies: must be a list of values");
    assertThat(check("record-audit-day", Map.of("auditDayHeld", "true", "attendedAgencies", List.of("police"))).engine())
        .containsKeys("auditDayHeld", "attendedAgencies");
  }

  @Test
  void malformedListsAreRefusedByNameNotWithAnEngineError() {
    assertThatThrownBy(() -> check("known-to-agency", answers("")))
        .hasMessageContaining("knownToAgencyAnswers: is empty: send a JSON list");
    assertThatThrownBy(() -> check("known-to-agency", answers("[{")))
        .hasMessageContaining("knownToAgencyAnswers: is not readable JSON");
    assertThatThrownBy(() -> check("known-to-agency", answers("{\"child\":\"98001\"}")))
        .hasMessageContaining("knownToAgencyAnswers: must be a list");
    Map<String, Object> javaObject = Map.of("knownToAgencyAnswers", Variables.serializedObjectValue("rO0ABXQAAXg=")
        .serializationDataFormat(Variables.SerializationDataFormats.JAVA).objectTypeName("java.lang.String").create());
    assertThatThrownBy(() -> check("known-to-agency", javaObject))
        .hasMessageContaining("knownToAgencyAnswers: must be JSON (type Json), not application/x-java-serialized-object");
    assertThatThrownBy(() -> check("known-to-agency", Map.of("knownToAgencyAnswers", Variables.fileValue("rows.csv")
        .file(new byte[] {1}).create())))
        .hasMessageContaining("knownToAgencyAnswers: must not be a file");
  }

  @Test
  void aRowCarriesOnlyItsListsFieldsAndTheIdTheFormDeclares() {
    assertThatThrownBy(() -> check("known-to-agency",
        answers("[{\"child\":\"98001\",\"questionId\":\"known\",\"answer\":\"yes\",\"note\":\"x\"}]")))
        .hasMessageContaining("knownToAgencyAnswers[0].note: row 1: 'note' is not a field of this list");
    assertThatThrownBy(() -> check("submit-annex-a",
        Map.of("annexALists", SpinValues.jsonValue("[{\"id\":\"x\",\"uploaded\":\"yes\"}]").create())))
        .hasMessageContaining("annexALists[0].uploaded: row 1: must be true or false");
    assertThatThrownBy(() -> check("known-to-agency", answers("[\"98001\"]")))
        .hasMessageContaining("knownToAgencyAnswers[0]: row 1 must be an object of the form's fields");
  }

  @Test
  void aStepWithoutAFormTakesNoValues() {
    assertThatThrownBy(() -> SubmissionGuard.check(null, Map.of("reference", "JTAI-2027-05-YORK"), Set.of()))
        .hasMessageContaining("reference: this step has no form, so it takes no values");
    assertThat(SubmissionGuard.check(null, null, Set.of()).submitted()).isEmpty();
  }

  @Test
  void nullValuesCountAsAbsent() {
    Map<String, Object> values = new HashMap<>();
    values.put("draftComment", null);
    assertThat(check("comment-on-draft", values).submitted()).containsEntry("draftComment", null);
  }
}
