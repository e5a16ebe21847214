package uk.jtai.response.fieldwork;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/confirm-children-and-families.form: by day 10 each agency confirms the arrangements for
 * inspectors to speak with children and parents or carers (week 2 flowchart), and who arranges them.
 */
@Component
public class ChildrenAndFamiliesForm implements TaskForm<ChildrenAndFamiliesForm.Submitted> {

  public record Submitted(boolean arrangementsConfirmed, String arrangementsContact, String arrangementsNotes) {}

  @Override
  public String formId() {
    return "confirm-children-and-families";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(
        submission.requireTrue(Submitted::arrangementsConfirmed,
            "confirm the arrangements for inspectors to speak with children and parents or carers"),
        submission.text(Submitted::arrangementsContact, 120),
        submission.optionalText(Submitted::arrangementsNotes, 2000).orElse(null));
  }
}
