package uk.jtai.response.caseaudit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.Schedule;
import uk.jtai.response.childselection.ChildReferences;
import uk.jtai.response.childselection.SelectedChildren;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.notify.Mail;
import uk.jtai.response.notify.MissedDeadlines;
import uk.jtai.response.notify.Outbox;
import uk.jtai.response.notify.TaskLinks;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.process.Standing;

/**
 * Bean {@code caseAudit}: the audited children of an inspection by position (1 to 6, or the theme's
 * range), and the views of the audit tasks (read from the product's tables each time a task is opened,
 * never stored in the engine): the child a step is about, why a return was sent back, and the Business
 * Unit's view of which child-by-agency returns are in.
 */
@Component("caseAudit")
public class CaseAudit {

  private final SelectedChildren selected;
  private final AuditReturns returns;
  private final Inspections inspections;
  private final Partnership partnership;
  private final ChildReferences childReferences;
  private final Schedule schedule;
  private final MissedDeadlines missed;
  private final Outbox outbox;
  private final TaskLinks links;
  private final ObjectMapper json = new ObjectMapper();

  public CaseAudit(SelectedChildren selected, AuditReturns returns, Inspections inspections, Partnership partnership,
                   ChildReferences childReferences, Schedule schedule, MissedDeadlines missed, Outbox outbox, TaskLinks links) {
    this.outbox = outbox;
    this.links = links;
    this.selected = selected;
    this.returns = returns;
    this.inspections = inspections;
    this.partnership = partnership;
    this.childReferences = childReferences;
    this.schedule = schedule;
    this.missed = missed;
  }

  /** 1..n for the n children selected for audit: the multi-instance collection of a step per child. */
  public List<Integer> childNumbers(VariableScope scope) {
    int count = selected.auditSelection(Standing.REFERENCE.get(scope)).size();
    return IntStream.rangeClosed(1, count).boxed().toList();
  }

  /** The reference of the child this step is about (its position is variable childNumber). */
  public String childReference(VariableScope scope) {
    List<String> audit = selected.auditSelection(Standing.REFERENCE.get(scope));
    return audit.get(Standing.CHILD_NUMBER.get(scope) - 1);
  }

  /**
   * Per audited child, each agency's return: submitted (late, after AUDITS_DUE), no involvement (a nil return),
   * awaiting sign-off, sent back or missing.
   */
  public SpinJsonNode returnsView(VariableScope scope) {
    String reference = Standing.REFERENCE.get(scope);
    Map<String, Map<Integer, AuditReturns.Status>> statuses = returns.statuses(reference);
    java.util.Set<String> late = returns.submittedAfter(reference, schedule.dueInstant(reference, AuditReturnsOverdue.AUDITS_DUE));
    List<String> audit = selected.auditSelection(reference);
    ArrayNode rows = json.createArrayNode();
    for (int i = 0; i < audit.size(); i++) {
      ObjectNode row = rows.addObject().put("child", (i + 1) + ". " + audit.get(i));
      for (String agency : inspections.caseAuditAgencies(scope)) {
        AuditReturns.Status status = statuses.getOrDefault(agency, Map.of()).get(i + 1);
        row.put(agency, status == null ? "Missing" : switch (status) {
          case SUBMITTED -> late.contains(agency + ":" + (i + 1)) ? "Submitted late" : "Submitted";
          case AWAITING_SIGN_OFF -> "Awaiting sign-off";
          case SENT_BACK -> "Sent back";
          case NO_INVOLVEMENT -> "No involvement";
        });
      }
    }
    return Spin.JSON(rows.toString());
  }

  public SpinJsonNode returnsColumns(VariableScope scope) {
    ArrayNode columns = json.createArrayNode();
    columns.addObject().put("key", "child").put("label", "Child (" + childReferences.label() + ")");
    for (String agency : inspections.caseAuditAgencies(scope)) {
      columns.addObject().put("key", agency).put("label", partnership.agencyName(agency));
    }
    return Spin.JSON(columns.toString());
  }

  /** Why the agency's senior sent this child's return back, while it is sent back (view of the audit tool task). */
  public String sentBackReason(VariableScope scope) {
    return returns.sentBackReason(Standing.REFERENCE.get(scope), Standing.AGENCY.get(scope),
        Standing.CHILD_NUMBER.get(scope)).orElse(null);
  }

  /**
   * The step that refreshed the Business Unit's pack task in case-audit models deployed before that task
   * read the returns as a view calls this; an inspection started on such a version finishes on it. The
   * pack task now reads the returns from the table each time it is opened, so nothing is copied.
   */
  public void refresh(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
    // Intentionally empty: see above.
  }

  static final String AUDIT_PACK_DUE = "AUDIT_PACK_DUE";

  /**
   * AUDIT_PACK_DUE: the pack goes ahead whoever is late. Each agency's returns still not submitted are recorded on
   * the inspection, child by agency, as "AUDIT_PACK_DUE (title): Police: returns not in for children 3, 5" (the
   * children's positions in the audit selection, never their references); the returns stay open to be done late.
   */
  public void recordReturnsNotIn(VariableScope scope) {
    String reference = Standing.REFERENCE.get(scope);
    Map<String, Map<Integer, AuditReturns.Status>> statuses = returns.statuses(reference);
    String title = schedule.milestoneTitle(reference, AUDIT_PACK_DUE);
    for (String agency : inspections.caseAuditAgencies(scope)) {
      List<Integer> notIn = childNumbers(scope).stream()
          .filter(child -> {
            AuditReturns.Status status = statuses.getOrDefault(agency, Map.of()).get(child);
            return status == null || !status.in();
          }).toList();
      if (!notIn.isEmpty()) {
        missed.record(reference, MissedDeadlines.describe(AUDIT_PACK_DUE, title, partnership.agencyName(agency))
            + ": returns not in for " + (notIn.size() == 1 ? "child " : "children ")
            + String.join(", ", notIn.stream().map(String::valueOf).toList()));
      }
    }
  }

  static final String PACK_TASK = "Task_CompileAuditPack";

  /**
   * A child's return was just submitted: when the Business Unit has already sent the pack (its task is no longer
   * open), the return is not in it, so the Business Unit is e-mailed to add it; the agency only, never the child.
   */
  public void returnAfterPack(DelegateExecution execution) {
    boolean packOpen = Context.getCommandContext().runWithoutAuthorization(() -> execution.getProcessEngineServices()
        .getTaskService().createTaskQuery().processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(PACK_TASK)
        .count() > 0);
    if (packOpen) {
      return;
    }
    outbox.enqueue(Mail.about(Standing.REFERENCE.get(execution), "audit-return-after-pack")
        .to(partnership.businessUnit())
        .agency(partnership.agencyName(Standing.AGENCY.get(execution)))
        .link(links.tasklist())
        .partnership(partnership.name(), partnership.businessUnit().name(), partnership.businessUnit().email())
        .once("audit-return-after-pack:" + execution.getActivityInstanceId()));
  }

  /**
   * A nil return: the agency recorded that it has had no involvement with one audited child, instead of an Audit
   * Tool and Chronology, so no sign-off is asked; its senior is e-mailed once (the child's position in the audit
   * selection, never its reference).
   */
  public void noInvolvement(DelegateExecution execution) {
    String reference = Standing.REFERENCE.get(execution);
    uk.jtai.response.partnership.Agency agency = partnership.agency(Standing.AGENCY.get(execution));
    int child = Standing.CHILD_NUMBER.get(execution);
    outbox.enqueue(Mail.about(reference, "audit-no-involvement")
        .to(agency.senior())
        .agency(agency.shortName())
        .childPosition(child)
        .link(links.tasklist())
        .partnership(partnership.name(), partnership.businessUnit().name(), partnership.businessUnit().email())
        .once("audit-no-involvement:" + reference + ":" + agency.id() + ":" + child));
  }

  /** How many of an agency's returns are not yet in (submitted, or nil returns). */
  public int missing(VariableScope scope, String agency) {
    return childNumbers(scope).size() - returns.submittedCount(Standing.REFERENCE.get(scope), agency);
  }
}
