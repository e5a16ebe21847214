package uk.jtai.response.annexa;

import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.partnership.Theme;

/**
 * Bean {@code sharedLists}: the lists local agencies share with the inspectors before the selection, beyond
 * Annex A, as the theme's timetable names them ({@code shared-lists} in the theme file: serious youth
 * violence's first child-level data lists on day 1 and every agency's own list on day 2). The annex-a model
 * has a step for each ({@link Theme#SHARED_LIST_STEPS}) and opens it per agency asked.
 */
@Component("sharedLists")
public class SharedLists {

  private final Inspections inspections;

  public SharedLists(Inspections inspections) {
    this.inspections = inspections;
  }

  /**
   * The agencies that share the list due at {@code milestone}, in the theme file's order: none when the
   * theme's timetable does not ask for it (the model's step is then skipped).
   */
  public List<String> agencies(VariableScope scope, String milestone) {
    Theme theme = inspections.theme(scope);
    return theme.sharedLists().contains(milestone) ? theme.agenciesSharing(milestone) : List.of();
  }
}
