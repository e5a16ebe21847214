package uk.jtai.response.auditreport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.tasks.Key;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/record-audit-day.form: the Audit Chair records the in-person Audit Day at the partnership's
 * venue (guidance 9.12 and 9.16): that it was held and which agencies attended.
 */
@Component
public class RecordAuditDayForm implements TaskForm<RecordAuditDayForm.Submitted> {

  /** @param attendedAgencies agency ids; the engine keeps them (AuditReportVariables.ATTENDED): they comment on the draft */
  public record Submitted(boolean auditDayHeld, List<String> attendedAgencies) {}

  private static final Key<Submitted> ATTENDED = Submitted::attendedAgencies;

  private final Inspections inspections;

  public RecordAuditDayForm(Inspections inspections) {
    this.inspections = inspections;
  }

  @Override
  public String formId() {
    return "record-audit-day";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    boolean held = submission.requireTrue(Submitted::auditDayHeld, "confirm the Audit Day was held");
    JsonNode attended = submission.json(ATTENDED);
    if (attended == null || !attended.isArray() || attended.isEmpty()) {
      if (!submission.hasErrors() || attended == null) {
        submission.reject(ATTENDED, "choose the agencies that attended");
      }
      return new Submitted(held, null);
    }
    List<String> agencies = inspections.agencies(task);
    Set<String> seen = new HashSet<>();
    List<String> attending = new ArrayList<>();
    for (JsonNode agency : attended) {
      if (!agencies.contains(agency.asText())) {
        submission.reject(ATTENDED, "'" + agency.asText() + "' is not an agency of this inspection");
      } else if (!seen.add(agency.asText())) {
        submission.reject(ATTENDED, "'" + agency.asText() + "' is listed twice");
      }
      attending.add(agency.asText());
    }
    return new Submitted(held, attending);
  }
}
