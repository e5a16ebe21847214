package uk.jtai.response.documentaryevidence;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/approve-evidence.form: an agency's senior approver approves its documentary evidence and
 * management information before they go to the inspectors (guidance 7.12: Health - Director for
 * Quality and Nursing; Local Authority - DCS; Police - Assistant Chief Constable).
 */
@Component
public class ApproveEvidenceForm implements TaskForm<ApproveEvidenceForm.Submitted> {

  public record Submitted(boolean evidenceApproved) {}

  @Override
  public String formId() {
    return "approve-evidence";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(submission.requireTrue(Submitted::evidenceApproved,
        "confirm you approve the documentary evidence and management information for the inspectors"));
  }
}
