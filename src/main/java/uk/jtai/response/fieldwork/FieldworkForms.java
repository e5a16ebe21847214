package uk.jtai.response.fieldwork;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The server-side checks of the fieldwork week's forms (guidance section 13), in the order of
 * bpmn/fieldwork.bpmn.
 */
@Configuration
public class FieldworkForms {

  /** forms/update-context-presentation.form: the context presentation is checked and updated before day 11. */
  @Bean
  TaskForm updateContextPresentationForm(Fieldwork fieldwork, CurrentUser user) {
    return TaskForm.of("update-context-presentation", (task, s) -> {
      s.requireTrue("presentationUpdated", "confirm the presentation was checked and updated for this inspection");
      s.text("presentationLocation", 300);
    }, (task, s) -> {
      fieldwork.recordPresentation(task, s.text("presentationLocation", 300),
          user.id());
    });
  }

  /** forms/record-leaders-meeting.form: the meeting with senior leaders on the first day of fieldwork. */
  @Bean
  TaskForm recordLeadersMeetingForm(Fieldwork fieldwork, WorkingCalendar calendar) {
    return TaskForm.of("record-leaders-meeting", (task, s) -> {
      s.happenedSince("leadersMeetingAt", calendar.zone(), fieldwork.firstDay(task), "the first day of fieldwork");
      s.flag("contextPresented");
      s.optionalText("leadersMeetingNotes", 2000);
    });
  }

  /** forms/record-planning-themes.form: themes from a daily planning meeting, as often as LAIM needs. */
  @Bean
  TaskForm recordPlanningThemesForm(Fieldwork fieldwork, CurrentUser user) {
    return TaskForm.of("record-planning-themes", (task, s) -> {
      boolean finished = s.flag("planningFinished");
      if (s.optionalText("planningThemes", 4000).isPresent() || !finished) {
        s.text("planningThemes", 4000);
        LocalDate day = s.date("planningDay");
        if (day != null && (day.isBefore(fieldwork.firstDay(task)) || day.isAfter(fieldwork.lastDay(task)))) {
          s.reject("planningDay", "must be a day of fieldwork (" + fieldwork.firstDay(task) + " to " + fieldwork.lastDay(task) + ")");
        }
      }
    }, (task, s) -> {
      // The loop's gateway reads it: an unticked box may not have been sent at all.
      task.setVariable("planningFinished", s.flag("planningFinished"));
      s.optionalText("planningThemes", 4000).ifPresent(themes -> fieldwork.recordPlanningThemes(task,
          s.date("planningDay"), themes, user.id()));
    });
  }

  /** forms/arrange-kit-meeting.form: LAIM arranges a Keeping in Touch meeting (Tuesday to Thursday), or no more. */
  @Bean
  TaskForm arrangeKitMeetingForm(Fieldwork fieldwork, Inspections inspections, WorkingCalendar calendar) {
    return TaskForm.of("arrange-kit-meeting", (task, s) -> {
      if (!"arrange".equals(s.choice("kitDecision", List.of("arrange", "none")))) {
        return;
      }
      JsonNode days = s.json("kitDays");
      if (days == null || !days.isArray() || days.isEmpty()) {
        s.reject("kitDays", "choose the day or days of the Keeping in Touch meetings");
      } else {
        for (JsonNode day : days) {
          LocalDate date;
          try {
            date = LocalDate.parse(day.asText());
          } catch (java.time.format.DateTimeParseException e) {
            s.reject("kitDays", "'" + day.asText() + "' is not a date");
            continue;
          }
          if (date.isBefore(fieldwork.firstKitDay(task)) || date.isAfter(fieldwork.lastKitDay(task))) {
            s.reject("kitDays", "Keeping in Touch meetings are on " + fieldwork.firstKitDay(task) + " to "
                + fieldwork.lastKitDay(task));
          }
        }
      }
      JsonNode agencies = s.json(Fieldwork.KIT_AGENCIES.name());
      if (agencies == null || !agencies.isArray() || agencies.isEmpty()) {
        s.reject(Fieldwork.KIT_AGENCIES.name(), "choose the agencies asked to send a senior leader");
      } else {
        for (JsonNode agency : agencies) {
          if (!inspections.agencies(task).contains(agency.asText())) {
            s.reject(Fieldwork.KIT_AGENCIES.name(), "'" + agency.asText() + "' is not an agency of this inspection");
          }
        }
      }
    });
  }

  /** forms/name-kit-leader.form: an agency names the senior leader who attends the Keeping in Touch meeting. */
  @Bean
  TaskForm nameKitLeaderForm() {
    return TaskForm.of("name-kit-leader", (task, s) -> {
      s.text("kitLeaderName", 120);
      s.text("kitLeaderRole", 120);
    });
  }

  /** forms/record-findings.form: the inspection findings are fed back to the partnership on Friday of week 3. */
  @Bean
  TaskForm recordFindingsForm(Fieldwork fieldwork, WorkingCalendar calendar) {
    return TaskForm.of("record-findings", (task, s) -> {
      s.happenedSince("findingsFedBackAt", calendar.zone(), fieldwork.firstDay(task), "the first day of fieldwork");
      s.optionalText("findingsNotes", 2000);
    });
  }
}
