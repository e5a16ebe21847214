package uk.jtai.response.amendment;

import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.StartForm;
import uk.jtai.response.tasks.StartFormListener;
import uk.jtai.response.tasks.Submission;

/**
 * The start form of correct-known-to-agency ({@code forms/correct-known-to-agency.form}): which inspection and why
 * the agency corrects its return. Whether it can (its own return in, not yet forwarded) is {@link ReturnCorrections}'s
 * check, so the reasons name the field.
 */
@Component
public class CorrectReturnForm implements StartForm<CorrectReturnForm.Submitted> {

  /** What the form sent; a field left empty reads as null (and is refused as required). */
  public record Submitted(String inspectionReference, String correctionReason) implements StartFormListener.OnInspection {}

  @Override
  public String formId() {
    return "correct-known-to-agency";
  }

  @Override
  public Submitted read(Submission submission) {
    return new Submitted(submission.text(Submitted::inspectionReference, 64), submission.text(Submitted::correctionReason, 1000));
  }
}
