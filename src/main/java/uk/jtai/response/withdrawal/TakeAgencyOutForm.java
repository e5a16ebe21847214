package uk.jtai.response.withdrawal;

import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.StartForm;
import uk.jtai.response.tasks.StartFormListener;
import uk.jtai.response.tasks.Submission;

/**
 * The start form of take-agency-out ({@code forms/take-agency-out.form}): which inspection, which stage,
 * which agency and why. Read here as text; whether the agency can be taken out (a running stage, an agency
 * of the partnership with work open in it) is {@link StageWithdrawals}'s check, so the reasons name the field.
 */
@Component
public class TakeAgencyOutForm implements StartForm<TakeAgencyOutForm.Submitted> {

  /** What the form sent; a field left empty reads as null (and is refused as required). */
  public record Submitted(String inspectionReference, String stage, String agency, String withdrawalReason) implements StartFormListener.OnInspection {}

  @Override
  public String formId() {
    return "take-agency-out";
  }

  @Override
  public Submitted read(Submission submission) {
    return new Submitted(submission.text(Submitted::inspectionReference, 64), submission.text(Submitted::stage, 64),
        submission.text(Submitted::agency, 100), submission.text(Submitted::withdrawalReason, 1000));
  }
}
