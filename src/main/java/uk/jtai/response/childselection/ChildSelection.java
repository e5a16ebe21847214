package uk.jtai.response.childselection;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.process.Standing;

/** Bean {@code childSelection}: what the selection forms show (input-mapped on the task that needs it). */
@Component("childSelection")
public class ChildSelection {

  private final SelectedChildren selected;
  private final Inspections inspections;

  public ChildSelection(SelectedChildren selected, Inspections inspections) {
    this.selected = selected;
    this.inspections = inspections;
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
