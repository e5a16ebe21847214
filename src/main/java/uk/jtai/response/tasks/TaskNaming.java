package uk.jtai.response.tasks;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.process.Rehearsals;
import uk.jtai.response.process.Standing;
import uk.jtai.response.process.Var;

/**
 * Names tasks so a list in Tasklist reads on its own: a task done by every agency carries the agency's
 * name ("... (Police)"), a task done per audited child its position ("... for child 3"), and every
 * task's description names its inspection (or, for a process that is not an inspection, says what it
 * is: {@link #DESCRIPTION}). Every task of a rehearsal says so first: "[REHEARSAL] ...".
 */
@Component
@Order(0)
public class TaskNaming implements TaskCreated {

  /** What a process that is not an inspection is about, shown as its tasks' description. */
  public static final Var<String> DESCRIPTION = Var.of("taskDescription", String.class);

  private final Partnership partnership;

  public TaskNaming(Partnership partnership) {
    this.partnership = partnership;
  }

  @Override
  public void notify(DelegateTask task) {
    Standing.CHILD_NUMBER.find(task)
        .ifPresent(child -> task.setName(task.getName() + " for child " + child));
    Standing.AGENCY.find(task)
        .flatMap(partnership::find)
        .ifPresent(agency -> task.setName(task.getName() + " (" + agency.shortName() + ")"));
    Optional<String> reference = Standing.REFERENCE.find(task);
    boolean rehearsal = reference.filter(Rehearsals::isRehearsal).isPresent();
    if (rehearsal) {
      task.setName(Rehearsals.marked(task.getName()));
    }
    Optional<String> description = DESCRIPTION.find(task)
        .or(() -> reference.map(r -> "Joint Targeted Area Inspection " + r));
    description.ifPresent(text -> task.setDescription(rehearsal ? Rehearsals.BANNER + " " + text : text));
  }
}
