package uk.jtai.response.childselection;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.process.Standing;

/**
 * Bean {@code childSelection}: what the selection forms show (input-mapped on the task that needs it), and the
 * two messages of the stage: every agency has returned (the forwarding opens before the returns are due), and the
 * children for audit are recorded (jtai-inspection begins week 2 before SIX_SELECTED_DUE).
 */
@Component("childSelection")
public class ChildSelection {

  private final SelectedChildren selected;
  private final Inspections inspections;

  public ChildSelection(SelectedChildren selected, Inspections inspections) {
    this.selected = selected;
    this.inspections = inspections;
  }

  /** The message that opens LAIM's forwarding when the last agency returns before the returns are due. */
  public static final String RETURNS_IN_MESSAGE = "knownToAgencyReturnsIn";
  /** The message jtai-inspection waits for to begin week 2 (and the case audits) when LAIM records the 6. */
  public static final String AUDIT_SELECTION_RECORDED_MESSAGE = "auditSelectionRecorded";

  /**
   * Every agency has returned: opens LAIM's forwarding now. After the returns were due it has opened already,
   * nothing waits for the message, and a late last return changes nothing here.
   */
  public void returnsIn(DelegateExecution execution) {
    execution.getProcessEngineServices().getRuntimeService().createMessageCorrelation(RETURNS_IN_MESSAGE)
        .processInstanceId(execution.getProcessInstanceId()).correlateAll();
  }

  /**
   * LAIM recorded the children for audit: tells the inspection (by its business key), whose week 2 begins now
   * if SIX_SELECTED_DUE has not already begun it, and whose case audits begin now in any case. A stage started
   * on its own (no inspection waiting) tells no one. Done without the submitter's authorizations: LAIM completes
   * the task; the inspection is the product's to move on.
   */
  public void tellInspection(DelegateExecution execution) {
    String reference = Standing.REFERENCE.get(execution);
    Context.getCommandContext().runWithoutAuthorization(() -> {
      execution.getProcessEngineServices().getRuntimeService().createMessageCorrelation(AUDIT_SELECTION_RECORDED_MESSAGE)
          .processInstanceBusinessKey(reference).correlateAll();
      return null;
    });
  }

  /** The first selection, numbered, one per line, for LAIM to choose the audit selection from. */
  public String firstSelectionText(VariableScope scope) {
    List<String> children = selected.firstSelection(Standing.REFERENCE.get(scope));
    return IntStream.range(0, children.size()).mapToObj(i -> (i + 1) + ". " + children.get(i))
        .collect(Collectors.joining("\n"));
  }

  /** "20", "20 to 30": how many the inspectors select first, in this theme. */
  public String firstCount(VariableScope scope) {
    return inspections.theme(scope).selection().first().toString();
  }

  /** "6", "5 to 7": how many the inspectors select for audit, in this theme. */
  public String auditCount(VariableScope scope) {
    return inspections.theme(scope).selection().audit().toString();
  }
}
