package uk.jtai.response.notify;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.InspectionService;

/**
 * Records a missed deadline on the inspection itself: variable {@code missedDeadlines} of its
 * jtai-inspection process instance (Cockpit shows it on the instance, and a process-instance search by
 * variable finds every inspection that missed one). Holds milestone names and agencies, never child data.
 */
@Component
public class MissedDeadlines {

  public static final String VARIABLE = "missedDeadlines";

  private final RuntimeService runtime;

  public MissedDeadlines(@Lazy RuntimeService runtime) {
    this.runtime = runtime;
  }

  public void record(String reference, String what) {
    ProcessInstance inspection = Context.getCommandContext().runWithoutAuthorization(() ->
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
            .processDefinitionKey(InspectionService.PROCESS_KEY).singleResult());
    if (inspection == null) {
      return; // the inspection has closed
    }
    Object held = runtime.getVariable(inspection.getId(), VARIABLE);
    List<String> list = new ArrayList<>(held == null ? List.of() : List.of(((String) held).split("\n")));
    if (!list.contains(what)) {
      list.add(what);
    }
    runtime.setVariable(inspection.getId(), VARIABLE, String.join("\n", list));
  }
}
