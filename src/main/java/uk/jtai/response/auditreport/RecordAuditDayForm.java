package uk.jtai.response.auditreport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/record-audit-day.form: the Audit Chair records the in-person Audit Day at the partnership's
 * venue (guidance 9.12 and 9.16): that it was held and which agencies attended.
 */
@Component
public class RecordAuditDayForm implements TaskForm {

  private final Inspections inspections;

  public RecordAuditDayForm(Inspections inspections) {
    this.inspections = inspections;
  }

  @Override
  public String formId() {
    return "record-audit-day";
  }

  @Override
  public void check(DelegateTask task, Submission submission) {
    submission.requireTrue("auditDayHeld", "confirm the Audit Day was held");
    String field = AuditReportVariables.ATTENDED.name();
    JsonNode attended = submission.json(field);
    if (attended == null || !attended.isArray() || attended.isEmpty()) {
      if (!submission.hasErrors() || attended == null) {
        submission.reject(field, "choose the agencies that attended");
      }
      return;
    }
    List<String> agencies = inspections.agencies(task);
    Set<String> seen = new HashSet<>();
    for (JsonNode agency : attended) {
      if (!agencies.contains(agency.asText())) {
        submission.reject(field, "'" + agency.asText() + "' is not an agency of this inspection");
      } else if (!seen.add(agency.asText())) {
        submission.reject(field, "'" + agency.asText() + "' is listed twice");
      }
    }
  }
}
