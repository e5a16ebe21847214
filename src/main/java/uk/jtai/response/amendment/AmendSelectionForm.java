package uk.jtai.response.amendment;

import java.util.List;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.StartForm;
import uk.jtai.response.tasks.StartFormListener;
import uk.jtai.response.tasks.Submission;

/**
 * The start form of amend-selection ({@code forms/amend-selection.form}): which inspection, which selection
 * (the 20 or the 6), the child to replace, the child to put in its place and why. Read here; whether the
 * amendment can be made (the stage running, the children where they must be) is {@link SelectionAmendments}'s
 * check, so the reasons name the field. A child's reference is never echoed in a reason.
 */
@Component
public class AmendSelectionForm implements StartForm<AmendSelectionForm.Submitted> {

  /** What the form sent; a field left empty reads as null (and is refused as required). */
  public record Submitted(String inspectionReference, String selection, String replacedChild, String newChild,
                          String amendmentReason) implements StartFormListener.OnInspection {}

  @Override
  public String formId() {
    return "amend-selection";
  }

  @Override
  public Submitted read(Submission submission) {
    return new Submitted(submission.text(Submitted::inspectionReference, 64),
        submission.choice(Submitted::selection, List.of(SelectionAmendments.FIRST, SelectionAmendments.AUDIT)),
        strip(submission.text(Submitted::replacedChild, 64)), strip(submission.text(Submitted::newChild, 64)),
        submission.text(Submitted::amendmentReason, 1000));
  }

  private static String strip(String text) {
    return text == null ? null : text.strip();
  }
}
