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
public class AuditSelectionForm implements TaskForm<AuditSelectionForm.Submitted> {

  /**
   * @param auditSelectionEntry the children selected for audit, as entered (one reference a line), read as
   *     a list; child-level data, so it goes to jtai_selected_child and never to the engine
   */
  public record Submitted(List<String> auditSelectionEntry) {}

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
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(childReferences.read(submission, Submitted::auditSelectionEntry,
        inspections.theme(task).selection().audit(), selected.firstSelection(Standing.REFERENCE.get(task))));
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    List<String> children = submitted.auditSelectionEntry();
    selected.recordAuditSelection(Standing.REFERENCE.get(task), children);
    ChildSelectionVariables.AUDIT_SELECTION_COUNT.set(task, children.size());
  }
}
