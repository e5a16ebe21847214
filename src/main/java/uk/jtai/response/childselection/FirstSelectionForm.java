package uk.jtai.response.childselection;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.Schedule;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/record-first-selection.form: LAIM records the children the inspectors selected from the Annex A
 * lists (guidance 9.2: 20 on day 3; serious youth violence: 20 to 30 on day 4). Recording it starts
 * every agency's known-to-agency return, due within the theme's window of working time.
 */
@Component
public class FirstSelectionForm implements TaskForm<FirstSelectionForm.Submitted> {

  /**
   * @param firstSelectionEntry the children selected, as entered (one reference a line), read as a list;
   *     child-level data, so it goes to jtai_selected_child and never to the engine
   */
  public record Submitted(List<String> firstSelectionEntry) {}

  private final Inspections inspections;
  private final ChildReferences childReferences;
  private final SelectedChildren selected;
  private final Schedule schedule;
  private final IdentifiedChildren identities;

  public FirstSelectionForm(Inspections inspections, ChildReferences childReferences, SelectedChildren selected,
                            Schedule schedule, IdentifiedChildren identities) {
    this.identities = identities;
    this.inspections = inspections;
    this.childReferences = childReferences;
    this.selected = selected;
    this.schedule = schedule;
  }

  @Override
  public String formId() {
    return "record-first-selection";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    List<String> children = childReferences.read(submission, Submitted::firstSelectionEntry,
        inspections.theme(task).selection().first(), null);
    if (children != null) {
      agreesWithIdentities(Standing.REFERENCE.get(task), children, submission);
    }
    return new Submitted(submission.hasErrors() ? null : children);
  }

  /**
   * When LAIM recorded the children's identifying details first (childselection/identity), the references
   * entered must be the same children: partners search by those details for the children of this selection.
   * Entries are named by position, never by reference.
   */
  private void agreesWithIdentities(String reference, List<String> children, Submission submission) {
    List<String> identified = identities.childReferences(reference);
    if (identified.isEmpty()) {
      return;
    }
    String field = "firstSelectionEntry";
    for (int i = 0; i < children.size(); i++) {
      if (!identified.contains(children.get(i))) {
        submission.reject(field, "entry " + (i + 1) + " is not one of the children whose identifying details were recorded");
      }
    }
    long missing = identified.stream().filter(child -> !children.contains(child)).count();
    if (missing > 0) {
      submission.reject(field, missing + " of the children whose identifying details were recorded are not entered");
    }
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    Theme theme = inspections.theme(task);
    List<String> children = submitted.firstSelectionEntry();
    String reference = Standing.REFERENCE.get(task);
    selected.recordFirstSelection(reference, children);
    ChildSelectionVariables.FIRST_SELECTION_COUNT.set(task, children.size());
    // The theme's window ("within a couple of hours", 9.4), but never past the forwarding deadline.
    schedule.startWindow(reference, ChildSelectionVariables.KNOWN_TO_AGENCY_DUE,
        "Every agency has said which of the selected children are known to it", theme.knownToAgency().window(),
        ChildSelectionVariables.RETURNS_FORWARDED_DUE);
  }
}
