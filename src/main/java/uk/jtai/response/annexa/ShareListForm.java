package uk.jtai.response.annexa;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/share-list.form: an agency confirms it has shared, on the inspectors' secure portal, a list the
 * theme's timetable asks of it before the selection (serious youth violence: the local authority's first
 * child-level data lists on day 1, every local agency's children whose experiences relate to the theme on
 * day 2, paragraph 127), and says where: a reference on the portal, never the data.
 */
@Component
public class ShareListForm implements TaskForm<ShareListForm.Submitted> {

  /**
   * @param listShared the agency's word that the list is on the portal (required)
   * @param portalReference where on the portal: a folder or file reference, not the data
   */
  public record Submitted(boolean listShared, String portalReference) {}

  @Override
  public String formId() {
    return "share-list";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(
        submission.requireTrue(Submitted::listShared, "confirm the list is shared on the inspectors' secure portal"),
        submission.text(Submitted::portalReference, 300));
  }
}
