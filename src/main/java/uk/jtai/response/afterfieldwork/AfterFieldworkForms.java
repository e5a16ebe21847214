package uk.jtai.response.afterfieldwork;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/**
 * The server-side checks of the forms of bpmn/after-fieldwork.bpmn (guidance sections 15 to 18 and the
 * published action plans). Each is small; they are declared together here, in the order of the model.
 */
@Configuration
public class AfterFieldworkForms {

  /** forms/record-draft-report.form: the DCS records the draft report's arrival (Friday of week 6). */
  @Bean
  TaskForm recordDraftReportForm(AfterFieldwork afterFieldwork, Inspections inspections) {
    return TaskForm.of("record-draft-report", (task, s) -> {
      inspections.happenedSinceNotification(s, task, "draftArrivedAt");
      s.text("draftReportLocation", 300);
    }, (task, s) -> afterFieldwork.draftArrived(task, inspections.happenedSinceNotification(s, task, "draftArrivedAt")));
  }

  /** forms/factual-accuracy-comments.form: an agency sends the DCS its factual-accuracy comments, or none. */
  @Bean
  TaskForm factualAccuracyCommentsForm(AfterFieldwork afterFieldwork, CurrentUser user) {
    return TaskForm.of("factual-accuracy-comments", (task, s) -> {
      if (!s.flag("noFactualComments")) {
        s.text("factualCommentsLocation", 300);
      }
    }, (task, s) -> {
      boolean none = s.flag("noFactualComments");
      afterFieldwork.recordComments(task, none ? null : s.text("factualCommentsLocation", 300), none,
          user.id());
    });
  }

  /** forms/return-factual-accuracy.form: the DCS returns the coordinated comments within 9 working days. */
  @Bean
  TaskForm returnFactualAccuracyForm(Inspections inspections) {
    return TaskForm.of("return-factual-accuracy", (task, s) -> {
      s.requireTrue("factualAccuracyReturned", "confirm the coordinated comments were returned to the inspectors");
      inspections.happenedSinceNotification(s, task, "factualAccuracyReturnedAt");
    });
  }

  /** forms/record-final-report.form: the final report arrives (Monday of week 10), embargoed until publication. */
  @Bean
  TaskForm recordFinalReportForm(AfterFieldwork afterFieldwork, WorkingCalendar calendar, Inspections inspections) {
    return TaskForm.of("record-final-report", (task, s) -> {
      Instant arrived = inspections.happenedSinceNotification(s, task, "finalArrivedAt");
      s.text("finalReportLocation", 300);
      LocalDate publication = s.date("publicationDate");
      if (arrived != null && publication != null && publication.isBefore(arrived.atZone(calendar.zone()).toLocalDate())) {
        s.reject("publicationDate", "is before the final report arrived");
      }
    }, (task, s) -> afterFieldwork.finalArrived(task, s.date("publicationDate")));
  }

  /** forms/record-publication.form: the report is published; did the inspectors name a priority action? */
  @Bean
  TaskForm recordPublicationForm(AfterFieldwork afterFieldwork, Inspections inspections) {
    return TaskForm.of("record-publication", (task, s) -> {
      inspections.happenedSinceNotification(s, task, "publishedAt");
      String url = s.text("reportUrl", 500);
      if (url != null && !url.matches("https://\\S+")) {
        s.reject("reportUrl", "must be the published report's https:// address");
      }
      s.flag("priorityAction");
    }, (task, s) -> {
      afterFieldwork.published(task, inspections.happenedSinceNotification(s, task, "publishedAt"), s.flag("priorityAction"));
    });
  }

  /** forms/contribute-actions.form: an agency contributes its actions to the partnership's action plan. */
  @Bean
  TaskForm contributeActionsForm() {
    return TaskForm.of("contribute-actions", (task, s) -> {
      s.text("actionsLocation", 300);
      s.number("actionCount", 0);
    });
  }

  /** forms/sign-off-actions.form: the agency's senior signs off its actions, or sends them back with a reason. */
  @Bean
  TaskForm signOffActionsForm() {
    return TaskForm.of("sign-off-actions", (task, s) -> {
      if ("send-back".equals(s.choice("actionsDecision", List.of("approve", "send-back")))) {
        s.text("actionsSentBackReason", 2000);
      }
    });
  }

  /** forms/submit-action-plan.form: the partnership submits its action plan and reports it to governance. */
  @Bean
  TaskForm submitActionPlanForm(Inspections inspections) {
    return TaskForm.of("submit-action-plan", (task, s) -> {
      s.requireTrue("actionPlanSubmitted", "confirm the action plan was submitted");
      inspections.happenedSinceNotification(s, task, "actionPlanSubmittedAt");
      s.text("actionPlanLocation", 300);
      s.requireTrue("reportedToGovernance", "confirm the plan was reported to the partnership's governance and scrutiny");
    });
  }

  /** forms/lessons-learned.form: the Business Unit holds the lessons-learned debrief; this closes the inspection. */
  @Bean
  TaskForm lessonsLearnedForm(Inspections inspections) {
    return TaskForm.of("lessons-learned", (task, s) -> {
      inspections.happenedSinceNotification(s, task, "debriefHeldAt");
      s.text("lessonsLocation", 300);
    });
  }
}
