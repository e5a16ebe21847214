package uk.jtai.response.auditreport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.Schedule;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.notify.Mail;
import uk.jtai.response.notify.MissedDeadlines;
import uk.jtai.response.notify.Outbox;
import uk.jtai.response.notify.TaskLinks;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.process.Standing;

/**
 * Bean {@code auditReport}: the statutory sign-off chain of the audit report (guidance 9.15): who must
 * approve (every statutory partner of the partnership, through its lead or deputy), whether the current
 * version is approved by all or was rejected, what the author is told, and the 12:00 warning and the
 * 17:00 miss on day 9.
 */
@Component("auditReport")
public class AuditReport {

  private final Partnership partnership;
  private final ReportDecisions decisions;
  private final Outbox outbox;
  private final Schedule schedule;
  private final WorkingCalendar calendar;
  private final TaskLinks links;
  private final MissedDeadlines missed;

  public AuditReport(Partnership partnership, ReportDecisions decisions, Outbox outbox, Schedule schedule,
                     WorkingCalendar calendar, TaskLinks links, MissedDeadlines missed) {
    this.partnership = partnership;
    this.decisions = decisions;
    this.outbox = outbox;
    this.schedule = schedule;
    this.calendar = calendar;
    this.links = links;
    this.missed = missed;
  }

  /** Every statutory partner of the partnership approves (from configuration, not the theme). */
  public List<String> statutoryPartners(VariableScope scope) {
    return partnership.statutoryPartners().stream().map(Agency::id).toList();
  }

  /**
   * The group whose member approves for {@code agency}: the partnership file's
   * {@code audit-report-approvers} (by default the agency's lead contact or deputy, guidance 9.15).
   */
  public String approverGroup(String agency) {
    return partnership.reportApproverGroup(agency);
  }

  private Map<String, ReportDecisions.Decision> current(VariableScope scope) {
    return decisions.decisions(Standing.REFERENCE.get(scope), AuditReportVariables.REPORT_VERSION.get(scope));
  }

  /** A partner rejected the current version: the chain stops and the report goes back to the author. */
  public boolean rejected(VariableScope scope) {
    return current(scope).values().stream().anyMatch(d -> ReportDecisions.REJECTED.equals(d.decision()));
  }

  /** Every statutory partner approved the current version. */
  public boolean approvedByAll(VariableScope scope) {
    Map<String, ReportDecisions.Decision> decided = current(scope);
    return statutoryPartners(scope).stream().allMatch(p -> decided.containsKey(p)
        && ReportDecisions.APPROVED.equals(decided.get(p).decision()));
  }

  /** The partners who have not approved the current version, by name. */
  public List<String> notYetApproved(VariableScope scope) {
    Map<String, ReportDecisions.Decision> decided = current(scope);
    List<String> names = new ArrayList<>();
    for (String partner : statutoryPartners(scope)) {
      ReportDecisions.Decision decision = decided.get(partner);
      if (decision == null || !ReportDecisions.APPROVED.equals(decision.decision())) {
        names.add(partnership.agencyName(partner));
      }
    }
    return names;
  }

  /** What the author is told when revising: each rejection's reason and the attendees' comments on the version. */
  public String feedback(VariableScope scope) {
    Integer version = AuditReportVariables.REPORT_VERSION.find(scope).orElse(null);
    if (version == null) {
      return "No draft has been shared yet.";
    }
    String reference = Standing.REFERENCE.get(scope);
    StringBuilder text = new StringBuilder();
    decisions.decisions(reference, version).values().stream()
        .filter(d -> ReportDecisions.REJECTED.equals(d.decision()))
        .forEach(d -> text.append(partnership.agencyName(d.agency())).append(" rejected version ").append(version)
            .append(": ").append(d.reason()).append("\n"));
    for (ReportDecisions.Comment comment : decisions.comments(reference, version)) {
      text.append(partnership.agencyName(comment.agency())).append(" commented: ").append(comment.comment()).append("\n");
    }
    return text.length() == 0 ? "No rejections or comments on version " + version + "." : text.toString().strip();
  }

  /** Day 9, 12:00 by default: the DCS and the Business Unit are told who has not approved yet. */
  public void warn(DelegateExecution execution) {
    List<String> pending = notYetApproved(execution);
    if (pending.isEmpty()) {
      return;
    }
    mail(execution, "audit-report-warning", pending, "audit-report-warning:");
  }

  /** Day 9, 17:00: the deadline is missed; escalated and recorded on the inspection. The chain stays open. */
  public void missed(DelegateExecution execution) {
    List<String> pending = notYetApproved(execution);
    mail(execution, "audit-report-missed", pending, "audit-report-missed:");
    String reference = Standing.REFERENCE.get(execution);
    missed.record(reference, AuditReportVariables.AUDIT_REPORT_DUE + " (" + schedule.milestoneTitle(reference,
        AuditReportVariables.AUDIT_REPORT_DUE) + ")");
  }

  private void mail(DelegateExecution execution, String template, List<String> pending, String key) {
    String reference = Standing.REFERENCE.get(execution);
    Integer version = AuditReportVariables.REPORT_VERSION.find(execution).orElse(null);
    outbox.enqueue(Mail.about(reference, template)
        .to(partnership.dcs()).to(partnership.businessUnit())
        .agency(pending.isEmpty() ? "none" : String.join(", ", pending))
        .count(version == null ? 0 : version)
        .link(links.tasklist())
        .due(schedule.dueInstant(reference, AuditReportVariables.AUDIT_REPORT_DUE), calendar.zone(),
            schedule.milestoneTitle(reference, AuditReportVariables.AUDIT_REPORT_DUE))
        .partnership(partnership.name(), partnership.businessUnit().name(), partnership.businessUnit().email())
        .once(key + execution.getActivityInstanceId()));
  }
}
