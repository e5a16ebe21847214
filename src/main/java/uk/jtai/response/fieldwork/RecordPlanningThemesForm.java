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
    return readEntry(fieldwork, task, submission);
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    recordEntry(fieldwork, task, null, submitted, user.id());
  }

  /**
   * A day's themes, or that there are no more (both may come together); the day is one of fieldwork. The
   * partners' collation (forms/collate-planning-themes.form) reads the same fields the same way.
   */
  static Submitted readEntry(Fieldwork fieldwork, DelegateTask task, Submission submission) {
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

  /** Keeps the themes (LAIM's when {@code agency} is null) and tells the loop's gateway whether there are more. */
  static void recordEntry(Fieldwork fieldwork, DelegateTask task, String agency, Submitted submitted, String by) {
    // The loop's gateway reads it: an unticked box may not have been sent at all.
    task.setVariable(Key.nameOf(Submitted::planningFinished), submitted.planningFinished());
    if (submitted.planningThemes() != null) {
      fieldwork.recordPlanningThemes(task, agency, submitted.planningDay(), submitted.planningThemes(), by);
    }
  }
}
