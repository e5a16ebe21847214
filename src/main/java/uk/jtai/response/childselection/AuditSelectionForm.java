package uk.jtai.response.childselection;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/record-audit-selection.form: LAIM records the children the inspectors selected for audit, by
 * 11:00 on day 5 (guidance 9.6: 6 children; serious youth violence: 5 to 7), always from the first
 * selection.
 */
@Component
public class AuditSelectionForm implements TaskForm {

  private final Inspections inspections;
  private final ChildReferences childReferences;
  private final SelectedChildren selected;

  public AuditSelectionForm(Inspections inspections, ChildReferences childReferences, SelectedChildren selected) {
    this.inspections = inspections;
    this.childReferences = childReferences;
    this.selected = selected;
  }

  @Override
  public String formId() {
    return "record-audit-selection";
  }

  @Override
  public void check(DelegateTask task, Submission submission) {
    read(task, submission);
  }

  @Override
  public void record(DelegateTask task, Submission submission) {
    List<String> children = read(task, submission);
    selected.recordAuditSelection(Standing.REFERENCE.get(task), children);
    ChildSelectionVariables.AUDIT_SELECTION_COUNT.set(task, children.size());
  }

  private List<String> read(DelegateTask task, Submission submission) {
    return childReferences.read(submission, ChildSelectionVariables.AUDIT_SELECTION_ENTRY,
        inspections.theme(task).selection().audit(), selected.firstSelection(Standing.REFERENCE.get(task)));
  }
}
