package uk.jtai.response.concerns;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/**
 * forms/record-issue-of-concern.form: LAIM's standing task while the inspection runs: when the
 * inspectors notify a serious issue of concern (guidance section 14), record the agency and a summary.
 * Completing it starts the concern's handling and gives LAIM the task again for the next one. The
 * product API records a concern with the same fields ({@link ConcernController}).
 */
@Component
public class RecordConcernForm implements TaskForm<RecordConcernForm.Submitted> {

  /** @param concernSummary what the inspectors raised (child-level data: to jtai_concern, never to the engine) */
  public record Submitted(String concernAgency, String concernSummary) {}

  private final IssuesOfConcern concerns;
  private final Inspections inspections;
  private final CurrentUser user;

  public RecordConcernForm(IssuesOfConcern concerns, Inspections inspections, CurrentUser user) {
    this.concerns = concerns;
    this.inspections = inspections;
    this.user = user;
  }

  @Override
  public String formId() {
    return "record-issue-of-concern";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return readConcern(submission, inspections.agencies(task));
  }

  /** A concern as submitted, from the form or the API: an agency of the inspection ({@code agencies}), a summary. */
  static Submitted readConcern(Submission submission, List<String> agencies) {
    String agency = submission.text(Submitted::concernAgency, 64);
    if (agency != null && !agencies.contains(agency)) {
      submission.reject(Submitted::concernAgency, "must be one of this inspection's agencies: " + String.join(", ", agencies));
    }
    return new Submitted(agency, submission.text(Submitted::concernSummary, 4000));
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    concerns.raise(Standing.REFERENCE.get(task), submitted.concernAgency(), submitted.concernSummary(), user.id());
  }
}
