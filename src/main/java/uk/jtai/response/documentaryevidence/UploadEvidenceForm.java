package uk.jtai.response.documentaryevidence;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/upload-evidence.form: once its senior has approved it, an agency uploads its documentary evidence to its
 * inspectorate's portal and to the shared project space, whose named contacts can reach (guidance 7.11: "the sole
 * responsibility of each agency"). Every box is required: the task is the agency's word that all three are done.
 */
@Component
public class UploadEvidenceForm implements TaskForm<UploadEvidenceForm.Submitted> {

  public record Submitted(boolean uploadedToPortal, boolean uploadedToProjectSpace, boolean contactsHaveAccess) {}

  @Override
  public String formId() {
    return "upload-evidence";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(
        submission.requireTrue(Submitted::uploadedToPortal, "confirm the evidence is uploaded to your inspectorate's portal"),
        submission.requireTrue(Submitted::uploadedToProjectSpace, "confirm the evidence is uploaded to the shared project space"),
        submission.requireTrue(Submitted::contactsHaveAccess, "confirm your named contacts can access the shared project space"));
  }
}
