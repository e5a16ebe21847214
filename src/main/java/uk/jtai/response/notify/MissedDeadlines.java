package uk.jtai.response.notify;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import uk.jtai.response.process.Standing;
import uk.jtai.response.process.Var;

/**
 * Marks an inspection that missed a deadline where managers look, Cockpit: the variable
 * {@code missedDeadlines} of its {@code jtai-inspection} instance lists each missed deadline once, a line each, as
 * "ANNEX_A_DUE (Annex A child-level lists submitted)" (with the agency where one was late). Milestone
 * names and titles only: never a child's identifier. Written in the caller's transaction, whichever
 * process (or none) the caller runs in.
 */
@Component
public class MissedDeadlines {

  public static final String VARIABLE = "missedDeadlines";
  public static final Var<String> MISSED_DEADLINES = Var.of(VARIABLE, String.class);

  // One missed deadline a line: Cockpit shows the variable as text.
  static final String SEPARATOR = "\n";
  // A String variable holds at most 4,000 characters; an inspection with that many misses says so.
  static final int MAX_LENGTH = 3900;

  private static final Logger log = LoggerFactory.getLogger(MissedDeadlines.class);

  private final ProcessEngine engine;

  public MissedDeadlines(@Lazy ProcessEngine engine) {
    this.engine = engine;
  }

  /** "ANNEX_A_DUE (Annex A child-level lists submitted)", or with ": Police" when an agency was late. */
  public static String describe(String milestone, String title, String agencyName) {
    String text = title == null || title.equals(milestone) ? milestone : milestone + " (" + title + ")";
    return agencyName == null ? text : text + ": " + agencyName;
  }

  /** Adds {@code missed} to the inspection's list, once; an inspection that has ended is left alone. */
  public void record(String reference, String missed) {
    record(reference, List.of(missed));
  }

  /** Adds each of {@code missed} to the inspection's list, once, in one change of it (a batch of escalations). */
  public void record(String reference, Collection<String> missed) {
    if (missed.isEmpty()) {
      return;
    }
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> context.runWithoutAuthorization(() -> {
          append(engine.getRuntimeService(), reference, missed);
          return null;
        }));
  }

  private static void append(RuntimeService runtime, String reference, Collection<String> missed) {
    ProcessInstance inspection = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(Standing.INSPECTION_PROCESS_KEY).singleResult();
    if (inspection == null) {
      log.info("Inspection {} has ended: missed deadline not marked on it", reference);
      return;
    }
    String before = (String) runtime.getVariable(inspection.getId(), MISSED_DEADLINES.name());
    String current = before;
    for (String one : missed) {
      current = appended(current, one);
    }
    if (!Objects.equals(current, before)) {
      runtime.setVariable(inspection.getId(), MISSED_DEADLINES.name(), current);
    }
  }

  /** The list with {@code missed} added, unless it is there, or the list is full (then "..." ends it, once). */
  private static String appended(String current, String missed) {
    List<String> entries = current == null || current.isEmpty() ? List.of() : Arrays.asList(current.split(SEPARATOR));
    if (entries.contains(missed)) {
      return current;
    }
    String updated = current == null || current.isEmpty() ? missed : current + SEPARATOR + missed;
    if (updated.length() > MAX_LENGTH) {
      if (current.endsWith("...")) {
        return current;
      }
      updated = current + SEPARATOR + "...";
    }
    return updated;
  }
}
