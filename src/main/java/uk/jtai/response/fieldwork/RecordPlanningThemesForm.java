package uk.jtai.response.fieldwork;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.Key;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/**
 * forms/record-planning-themes.form: themes from a daily planning meeting, as often as LAIM needs; ticking
 * "finished" (with or without a last entry) ends the loop.
 */
@Component
public class RecordPlanningThemesForm implements TaskForm<RecordPlanningThemesForm.Submitted> {

  /**
   * @param planningDay the day of the meeting (with themes only)
   * @param planningThemes the themes (child-level data: to the product's tables, never to the engine); null
   *     when LAIM only says planning is finished
   */
  public record Submitted(LocalDate planningDay, String planningThemes, boolean planningFinished) {}

  private final Fieldwork fieldwork;
  private final CurrentUser user;

  public RecordPlanningThemesForm(Fieldwork fieldwork, CurrentUser user) {
    this.fieldwork = fieldwork;
    this.user = user;
  }

  @Override
  public String formId() {
    return "record-planning-themes";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    boolean finished = submission.flag(Submitted::planningFinished);
    String themes = submission.optionalText(Submitted::planningThemes, 4000).orElse(null);
    LocalDate day = null;
    if (themes != null || !finished) {
      if (themes == null && !submission.rejected(Submitted::planningThemes)) {
        submission.reject(Submitted::planningThemes, "is required");
      }
      day = submission.date(Submitted::planningDay);
      if (day != null && (day.isBefore(fieldwork.firstDay(task)) || day.isAfter(fieldwork.lastDay(task)))) {
        submission.reject(Submitted::planningDay, "must be a day of fieldwork (" + fieldwork.firstDay(task) + " to "
            + fieldwork.lastDay(task) + ")");
      }
    }
    return new Submitted(day, themes, finished);
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    // The loop's gateway reads it: an unticked box may not have been sent at all.
    task.setVariable(Key.nameOf(Submitted::planningFinished), submitted.planningFinished());
    if (submitted.planningThemes() != null) {
      fieldwork.recordPlanningThemes(task, submitted.planningDay(), submitted.planningThemes(), user.id());
    }
  }
}
