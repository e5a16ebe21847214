package uk.jtai.response.fieldwork;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/**
 * forms/collate-planning-themes.form: a partner collates the themes and areas of concern from its practitioners'
 * discussions with inspectors (guidance section 12), a day at a time, as often as it needs; ticking "nothing
 * more" ends its loop. The same fields as LAIM's record of the daily planning meeting, read the same way, kept
 * under the agency of the task (never the submission's), for LAIM to gather.
 */
@Component
public class CollatePlanningThemesForm implements TaskForm<RecordPlanningThemesForm.Submitted> {

  private final Fieldwork fieldwork;
  private final CurrentUser user;

  public CollatePlanningThemesForm(Fieldwork fieldwork, CurrentUser user) {
    this.fieldwork = fieldwork;
    this.user = user;
  }

  @Override
  public String formId() {
    return "collate-planning-themes";
  }

  @Override
  public RecordPlanningThemesForm.Submitted read(DelegateTask task, Submission submission) {
    return RecordPlanningThemesForm.readEntry(fieldwork, task, submission);
  }

  @Override
  public void record(DelegateTask task, RecordPlanningThemesForm.Submitted submitted) {
    RecordPlanningThemesForm.recordEntry(fieldwork, task, Standing.AGENCY.get(task), submitted, user.id());
  }
}
