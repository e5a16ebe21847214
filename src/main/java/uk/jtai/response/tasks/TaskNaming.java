package uk.jtai.response.tasks;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.InspectionVariables;
import uk.jtai.response.partnership.Partnership;

/**
 * Names tasks so a list in Tasklist reads on its own: a task done by every agency carries the agency's
 * name ("... (Police)"), a task done per audited child its position ("... for child 3"), and every
 * task's description names its inspection.
 */
@Component
@Order(0)
public class TaskNaming implements TaskCreated {

  private final Partnership partnership;

  public TaskNaming(Partnership partnership) {
    this.partnership = partnership;
  }

  @Override
  public void notify(DelegateTask task) {
    InspectionVariables.CHILD_NUMBER.find(task)
        .ifPresent(child -> task.setName(task.getName() + " for child " + child));
    InspectionVariables.AGENCY.find(task)
        .flatMap(partnership::find)
        .ifPresent(agency -> task.setName(task.getName() + " (" + agency.shortName() + ")"));
    InspectionVariables.REFERENCE.find(task)
        .ifPresent(reference -> task.setDescription("Joint Targeted Area Inspection " + reference));
  }
}
