package uk.jtai.response.withdrawal;

import java.util.List;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.StartInspectionForm;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.tasks.StartForm;
import uk.jtai.response.tasks.StartFormListener;
import uk.jtai.response.tasks.Submission;

/**
 * The start form of change-health-providers ({@code forms/change-health-providers.form}): which inspection, the
 * health providers taking part from now on (a checklist of the partnership file's providers, filled at
 * deployment) and why. Whether the inspection is running and what changes is {@link ProviderChanges}'s check.
 */
@Component
public class ChangeHealthProvidersForm implements StartForm<ChangeHealthProvidersForm.Submitted> {

  /** What the form sent; {@code healthProviders} empty means only the integrated care board takes part. */
  public record Submitted(String inspectionReference, List<String> healthProviders, String changeReason)
      implements StartFormListener.OnInspection {}

  private final Partnership partnership;

  public ChangeHealthProvidersForm(Partnership partnership) {
    this.partnership = partnership;
  }

  @Override
  public String formId() {
    return "change-health-providers";
  }

  @Override
  public Submitted read(Submission submission) {
    String reference = submission.text(Submitted::inspectionReference, 64);
    List<String> providers = StartInspectionForm.providers(submission, submission.json(Submitted::healthProviders), partnership,
        Submitted::healthProviders);
    String reason = submission.text(Submitted::changeReason, 1000);
    if (reason != null && reason.length() < 10) {
      submission.reject(Submitted::changeReason, "must say why, in at least 10 characters");
      reason = null;
    }
    return new Submitted(reference, providers, reason);
  }
}
