package uk.jtai.response.fieldwork;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/arrange-kit-meeting.form: LAIM arranges a Keeping in Touch meeting (Tuesday to Thursday), or no
 * more. The engine keeps the days and agencies (routing): each agency chosen is asked to name a leader.
 */
@Component
public class ArrangeKitMeetingForm implements TaskForm<ArrangeKitMeetingForm.Submitted> {

  static final String ARRANGE = "arrange";
  static final String NONE = "none";

  /**
   * @param kitDays the days of the meetings (only when one is arranged)
   * @param kitAgencies the agencies asked to send a senior leader (only when one is arranged)
   */
  public record Submitted(String kitDecision, List<LocalDate> kitDays, List<String> kitAgencies) {}

  private final Fieldwork fieldwork;
  private final Inspections inspections;

  public ArrangeKitMeetingForm(Fieldwork fieldwork, Inspections inspections) {
    this.fieldwork = fieldwork;
    this.inspections = inspections;
  }

  @Override
  public String formId() {
    return "arrange-kit-meeting";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    String decision = submission.choice(Submitted::kitDecision, List.of(ARRANGE, NONE));
    if (!ARRANGE.equals(decision)) {
      return new Submitted(decision, null, null);
    }
    List<LocalDate> kitDays = new ArrayList<>();
    JsonNode days = submission.json(Submitted::kitDays);
    if (days == null || !days.isArray() || days.isEmpty()) {
      submission.reject(Submitted::kitDays, "choose the day or days of the Keeping in Touch meetings");
    } else {
      for (JsonNode day : days) {
        LocalDate date;
        try {
          date = LocalDate.parse(day.asText());
        } catch (DateTimeParseException e) {
          submission.reject(Submitted::kitDays, "'" + day.asText() + "' is not a date");
          continue;
        }
        if (date.isBefore(fieldwork.firstKitDay(task)) || date.isAfter(fieldwork.lastKitDay(task))) {
          submission.reject(Submitted::kitDays, "Keeping in Touch meetings are on " + fieldwork.firstKitDay(task) + " to "
              + fieldwork.lastKitDay(task));
        }
        kitDays.add(date);
      }
    }
    List<String> kitAgencies = new ArrayList<>();
    JsonNode agencies = submission.json(Submitted::kitAgencies);
    if (agencies == null || !agencies.isArray() || agencies.isEmpty()) {
      submission.reject(Submitted::kitAgencies, "choose the agencies asked to send a senior leader");
    } else {
      for (JsonNode agency : agencies) {
        if (!inspections.agencies(task).contains(agency.asText())) {
          submission.reject(Submitted::kitAgencies, "'" + agency.asText() + "' is not an agency of this inspection");
        }
        kitAgencies.add(agency.asText());
      }
    }
    return new Submitted(decision, kitDays, kitAgencies);
  }
}
