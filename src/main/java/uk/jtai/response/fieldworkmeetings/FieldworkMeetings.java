package uk.jtai.response.fieldworkmeetings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;

/** Bean {@code fieldworkMeetings}: the theme's kinds of multi-agency meeting, as choices for the form. */
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
}
