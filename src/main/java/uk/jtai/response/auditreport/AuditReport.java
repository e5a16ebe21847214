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
import uk.jtai.response.partnership.Contact;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.process.Standing;

/**
 * Bean {@code auditReport}: the statutory sign-off chain of the audit report (guidance 9.15): who must
 * approve (every statutory partner of the partnership, through its lead or deputy), whether the current
 * version is approved by all or was rejected, what the author is told, and the 12:00 warning and the
 * 17:00 miss on day 9. The report goes to the inspectors at 17:00 on day 9 whoever is late: the LAIM's
 * submission opens when every partner has approved or at the deadline, whichever comes first, and names the
 * approvals still missing.
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

  /** The Audit Author the draft goes to, or null while none is appointed (the Business Unit then holds it). */
  public String author(VariableScope scope) {
    return AuditReportVariables.AUDIT_AUTHOR.find(scope).orElse(null);
  }

  /** Who is offered the draft besides its assignee: the Business Unit while no Author is appointed, else nobody. */
  public List<String> draftCandidates(VariableScope scope) {
    return author(scope) == null ? List.of(uk.jtai.response.partnership.RoleContacts.BUSINESS_UNIT) : List.of();
  }

  /** The message that opens the LAIM's submission when every partner has approved before the deadline. */
  static final String REPORT_APPROVED_MESSAGE = "auditReportApproved";

  private Map<String, ReportDecisions.Decision> current(VariableScope scope) {
    Integer version = AuditReportVariables.REPORT_VERSION.find(scope).orElse(null);
    // No draft shared yet: nobody has approved anything.
    return version == null ? Map.of() : decisions.decisions(Standing.REFERENCE.get(scope), version);
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
    return missingApprovals(scope).stream().map(partnership::agencyName).toList();
  }

  /** The partners (ids) who have not approved the current version. */
  List<String> missingApprovals(VariableScope scope) {
    Map<String, ReportDecisions.Decision> decided = current(scope);
    List<String> partners = new ArrayList<>();
    for (String partner : statutoryPartners(scope)) {
      ReportDecisions.Decision decision = decided.get(partner);
      if (decision == null || !ReportDecisions.APPROVED.equals(decision.decision())) {
        partners.add(partner);
      }
    }
    return partners;
  }

  /** Whether the report's deadline (17:00 day 9, or where the inspectors moved it) has passed. */
  public boolean pastDeadline(String reference) {
    return uk.jtai.response.calendar.EngineTime.now().isAfter(schedule.dueInstant(reference, AuditReportVariables.AUDIT_REPORT_DUE));
  }

  /**
   * Every statutory partner approved before the deadline: opens the LAIM's submission now (the stage's
   * waiting branch takes the message; after the deadline it has already opened, and nothing waits for it).
   */
  public void readyToSubmit(DelegateExecution execution) {
    execution.getProcessEngineServices().getRuntimeService().createMessageCorrelation(REPORT_APPROVED_MESSAGE)
        .processInstanceId(execution.getProcessInstanceId()).correlateAll();
  }

  /** What the LAIM's submission task shows (a view, read when the task is opened): the version and who has not approved it. */
  public String submissionStatus(VariableScope scope) {
    Integer version = AuditReportVariables.REPORT_VERSION.find(scope).orElse(null);
    if (version == null) {
      return "No draft of the report has been shared by the Audit Author. The report goes to the inspectors by 17:00 on "
          + "day 9 whoever is late: submit what the inspectors have been given, and the missing approvals of every "
          + "statutory partner are recorded with the submission.";
    }
    String location = AuditReportVariables.REPORT_LOCATION.find(scope).orElse("its shared location");
    List<String> pending = notYetApproved(scope);
    if (pending.isEmpty()) {
      return "Every statutory partner has approved version " + version + " (at " + location + ").";
    }
    return "Version " + version + " (at " + location + ") has not been approved by: " + String.join(", ", pending)
        + ". The report goes to the inspectors by 17:00 on day 9 whoever is late; the missing approvals are recorded "
        + "with the submission, and a partner can still approve late until it is submitted.";
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
    mail(execution, "audit-report-warning", pending, "audit-report-warning:", List.of());
  }

  /**
   * Day 9, 17:00: the deadline is missed; escalated once and recorded on the inspection, with each statutory
   * partner whose approval is missing named. The approvals stay open to be given late until the LAIM submits.
   */
  public void missed(DelegateExecution execution) {
    List<String> pending = notYetApproved(execution);
    // The LAIM too: the submission opens now, with the missing approvals named.
    mail(execution, "audit-report-missed", pending, "audit-report-missed:", List.of(partnership.laim()));
    String reference = Standing.REFERENCE.get(execution);
    String title = schedule.milestoneTitle(reference, AuditReportVariables.AUDIT_REPORT_DUE);
    missed.record(reference, AuditReportVariables.AUDIT_REPORT_DUE + " (" + title + ")");
    for (String partner : pending) {
      missed.record(reference, MissedDeadlines.describe(AuditReportVariables.AUDIT_REPORT_DUE, title,
          partner + " approval"));
    }
  }

  private void mail(DelegateExecution execution, String template, List<String> pending, String key, List<Contact> also) {
    String reference = Standing.REFERENCE.get(execution);
    Integer version = AuditReportVariables.REPORT_VERSION.find(execution).orElse(null);
    outbox.enqueue(Mail.about(reference, template)
        .to(partnership.dcs()).to(partnership.businessUnit()).to(also)
        .agency(pending.isEmpty() ? "none" : String.join(", ", pending))
        .count(version == null ? 0 : version)
        .link(links.tasklist())
        .due(schedule.dueInstant(reference, AuditReportVariables.AUDIT_REPORT_DUE), calendar.zone(),
            schedule.milestoneTitle(reference, AuditReportVariables.AUDIT_REPORT_DUE))
        .partnership(partnership.name(), partnership.businessUnit().name(), partnership.businessUnit().email())
        .once(key + execution.getActivityInstanceId()));
  }
}
