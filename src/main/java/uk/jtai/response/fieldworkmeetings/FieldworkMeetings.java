package uk.jtai.response.fieldworkmeetings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;

/**
 * Bean {@code fieldworkMeetings}: the theme's kinds of multi-agency meeting, as choices for the form, and whether the
 * theme's timetable has the week 1 meeting for partners to explain their strategic arrangements.
 */
@Component("fieldworkMeetings")
public class FieldworkMeetings {

  private final Inspections inspections;
  private final ObjectMapper json = new ObjectMapper();

  public FieldworkMeetings(Inspections inspections) {
    this.inspections = inspections;
  }

  public SpinJsonNode meetingTypes(VariableScope scope) {
    ArrayNode values = json.createArrayNode();
    inspections.theme(scope).fieldworkMeetingTypes().forEach(type -> values.addObject().put("label", type).put("value", type));
    return Spin.JSON(values.toString());
  }

  /**
   * Whether the theme's timetable has {@value #STRATEGIC_MEETING} (serious youth violence's flowchart, paragraphs 51
   * and 52): then LAIM records the meeting.
   */
  public boolean strategicMeetingAsked(VariableScope scope) {
    return inspections.theme(scope).milestone(STRATEGIC_MEETING).isPresent();
  }

  /** The milestone of the week 1 meeting on partners' strategic arrangements. */
  public static final String STRATEGIC_MEETING = "STRATEGIC_ARRANGEMENTS_MEETING";
}
