package uk.jtai.response.browser;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/**
 * Which browser test completes which Camunda Forms: the inspection's week 1 (day 1 to the audit pack), its
 * week 2 and after (the Audit Day to the debrief, and issues of concern), and the Business Unit's work
 * between inspections. The three run in parallel; {@code BrowserFormsTest} checks that together they cover
 * every form of {@code forms/}, each once.
 */
public final class BrowserForms {

  /** The start form of the inspection, completed in week 1; the rest of jtai-inspection's forms are week 2's. */
  static final String START_INSPECTION = "start-inspection";

  public static final Set<String> INSPECTION_WEEK_1 = with(formsOf(List.of("notification-cascade", "move-deadline",
      "take-agency-out", "change-health-providers", "amend-selection", "correct-known-to-agency", "fieldwork-meetings", "documentary-evidence", "annex-a", "child-selection",
      "case-audit")), START_INSPECTION);

  public static final Set<String> INSPECTION_WEEK_2 = without(formsOf(List.of("jtai-inspection", "audit-day-and-report",
      "reassign-audit-role", "fieldwork", "after-fieldwork")), START_INSPECTION);

  public static final Set<String> BETWEEN_INSPECTIONS = formsOf(List.of("theme-readiness", "benchmarking",
      "partnership-contacts", "partnership-contacts-quarterly", "rehearsal"));

  private BrowserForms() {
  }

  /** The Camunda Forms the models' user tasks and start events use. */
  public static Set<String> formsOf(List<String> models) {
    Set<String> forms = new TreeSet<>();
    for (String model : models) {
      BpmnModelInstance instance = Bpmn.readModelFromFile(Path.of("bpmn", model + ".bpmn").toFile());
      Stream.concat(instance.getModelElementsByType(UserTask.class).stream().map(UserTask::getCamundaFormRef),
              instance.getModelElementsByType(StartEvent.class).stream().map(StartEvent::getCamundaFormRef))
          .filter(Objects::nonNull).forEach(forms::add);
    }
    return Set.copyOf(forms);
  }

  private static Set<String> with(Set<String> forms, String form) {
    Set<String> all = new TreeSet<>(forms);
    all.add(form);
    return Set.copyOf(all);
  }

  private static Set<String> without(Set<String> forms, String form) {
    Set<String> rest = new TreeSet<>(forms);
    rest.remove(form);
    return Set.copyOf(rest);
  }
}
