package uk.jtai.response.fieldworkmeetings;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.Schedule;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Key;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/give-fieldwork-meetings.form: an agency gives the lead inspector the multi-agency meetings in
 * the fieldwork week relevant to the theme (MAPPA, MARAC, MACEM, panels; guidance 11), or says it has
 * none. Each meeting must fall in the fieldwork week of this inspection's schedule.
 */
@Component
public class FieldworkMeetingsForm implements TaskForm<FieldworkMeetingsForm.Submitted> {

  /** @param meetings the meetings listed (none when {@code noMeetings}); the engine keeps them for the inspectors */
  public record Submitted(List<Meeting> meetings, boolean noMeetings, boolean sentToLeadInspector) {}

  /** One row of the list: the meeting's type, when it is and where (a venue, or 'virtual'). */
  public record Meeting(String type, Instant when, String where) {}

  private static final Key<Submitted> MEETINGS = Submitted::meetings;

  private final Inspections inspections;
  private final Schedule schedule;
  private final WorkingCalendar calendar;

  public FieldworkMeetingsForm(Inspections inspections, Schedule schedule, WorkingCalendar calendar) {
    this.inspections = inspections;
    this.schedule = schedule;
    this.calendar = calendar;
  }

  @Override
  public String formId() {
    return "give-fieldwork-meetings";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    boolean none = submission.flag(Submitted::noMeetings);
    JsonNode meetings = submission.json(MEETINGS);
    int count = meetings != null && meetings.isArray() ? meetings.size() : 0;
    if (meetings != null && !meetings.isArray()) {
      submission.reject(MEETINGS, "must be a list");
    }
    if (none && count > 0) {
      submission.reject(Submitted::noMeetings, "you listed meetings and also said there are none");
    } else if (!none && count == 0) {
      submission.reject(MEETINGS, "list the meetings, or tick that there are none in the fieldwork week");
    }
    boolean sent = submission.requireTrue(Submitted::sentToLeadInspector, "confirm the details were given to the lead inspector");
    List<Meeting> listed = new ArrayList<>();
    if (count == 0) {
      return new Submitted(listed, none, sent);
    }
    String reference = Standing.REFERENCE.get(task);
    LocalDate first = schedule.dueInstant(reference, "FIELDWORK_START").atZone(calendar.zone()).toLocalDate();
    LocalDate last = schedule.dueInstant(reference, "FINDINGS").atZone(calendar.zone()).toLocalDate();
    List<String> types = inspections.theme(task).fieldworkMeetingTypes();
    for (int i = 0; i < count; i++) {
      JsonNode meeting = meetings.get(i);
      String field = MEETINGS.name() + "[" + i + "]";
      String type = meeting.path("type").asText("");
      if (!types.contains(type)) {
        submission.reject(field + ".type", "must be one of " + String.join(", ", types));
      }
      String when = meeting.path("when").asText("");
      Instant at = when.isBlank() ? null : submission.parseDateTime(field + ".when", when, calendar.zone());
      if (when.isBlank()) {
        submission.reject(field + ".when", "is required");
      } else if (at != null) {
        LocalDate day = at.atZone(calendar.zone()).toLocalDate();
        if (day.isBefore(first) || day.isAfter(last)) {
          submission.reject(field + ".when", "must be in the fieldwork week (" + first + " to " + last + ")");
        }
      }
      String where = meeting.path("where").asText("").strip();
      if (where.isEmpty()) {
        submission.reject(field + ".where", "is required (venue, or 'virtual')");
      } else if (where.length() > 200) {
        submission.reject(field + ".where", "must be at most 200 characters");
      }
      listed.add(new Meeting(type, at, where));
    }
    return new Submitted(listed, none, sent);
  }
}
