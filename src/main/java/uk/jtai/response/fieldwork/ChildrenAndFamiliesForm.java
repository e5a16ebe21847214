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
public class ChildrenAndFamiliesForm implements TaskForm {

  @Override
  public String formId() {
    return "confirm-children-and-families";
  }

  @Override
  public void check(DelegateTask task, Submission submission) {
    submission.requireTrue("arrangementsConfirmed",
        "confirm the arrangements for inspectors to speak with children and parents or carers");
    submission.text("arrangementsContact", 120);
    submission.optionalText("arrangementsNotes", 2000);
  }
}
