package uk.jtai.response.auditreport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Key;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/confirm-evidence.form: an agency confirms it double-checked its documentary evidence and
 * management information and provided them to the inspectors through its inspectorate's portal by 17:00
 * on day 7 (guidance 7.11 and 12), and that it shared each case record the theme lists for the audited
 * children, or why not (9.17).
 */
@Component
public class ConfirmEvidenceForm implements TaskForm<ConfirmEvidenceForm.Submitted> {

  /**
   * @param caseRecordRows one row per case record the theme lists for this agency ({@code record}, {@code
   *     shared}, {@code rationale}); null when it lists none
   */
  public record Submitted(boolean evidenceProvided, JsonNode caseRecordRows) {}

  private static final Key<Submitted> ROWS = Submitted::caseRecordRows;

  private final Inspections inspections;

  public ConfirmEvidenceForm(Inspections inspections) {
    this.inspections = inspections;
  }

  @Override
  public String formId() {
    return "confirm-evidence";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    boolean provided = submission.requireTrue(Submitted::evidenceProvided,
        "confirm the documentary evidence and management information were provided to the inspectors");
    List<String> records = inspections.theme(task).caseRecordsOf(Standing.AGENCY.get(task));
    if (records.isEmpty()) {
      return new Submitted(provided, null);
    }
    JsonNode rows = submission.json(ROWS);
    if (rows == null || !rows.isArray() || rows.size() != records.size()) {
      submission.reject(ROWS, "answer for each of the " + records.size() + " case records listed");
      return new Submitted(provided, null);
    }
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      String record = records.get(i);
      String field = ROWS.name() + "[" + i + "]";
      if (!record.equals(row.path("record").asText())) {
        submission.reject(field, "row " + (i + 1) + " is not '" + record + "'");
      } else if (!row.path("shared").asBoolean(false) && row.path("rationale").asText("").isBlank()) {
        submission.reject(field + ".rationale", "'" + record + "': not shared, so give the reason");
      } else if (row.path("rationale").asText("").length() > 1000) {
        submission.reject(field + ".rationale", "'" + record + "': at most 1000 characters");
      }
    }
    return new Submitted(provided, rows);
  }
}
