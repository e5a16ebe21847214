package uk.jtai.response.caseaudit;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
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
 * Bean {@code auditReturnsOverdue}: at AUDITS_DUE, an agency with returns still missing is escalated to
 * its senior approver and the Business Unit: how many of its children's returns are missing, never
 * which children. The tasks stay open.
 */
@Component("auditReturnsOverdue")
public class AuditReturnsOverdue implements JavaDelegate {

  static final String AUDITS_DUE = "AUDITS_DUE";

  private final CaseAudit caseAudit;
  private final Partnership partnership;
  private final Outbox outbox;
  private final Schedule schedule;
  private final WorkingCalendar calendar;
  private final TaskLinks links;
  private final MissedDeadlines missed;

  public AuditReturnsOverdue(CaseAudit caseAudit, Partnership partnership, Outbox outbox, Schedule schedule,
                             WorkingCalendar calendar, TaskLinks links, MissedDeadlines missed) {
    this.caseAudit = caseAudit;
    this.partnership = partnership;
    this.outbox = outbox;
    this.schedule = schedule;
    this.calendar = calendar;
    this.links = links;
    this.missed = missed;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Agency agency = partnership.agency(Standing.AGENCY.get(execution));
    int missing = caseAudit.missing(execution, agency.id());
    if (missing == 0) {
      return;
    }
    String reference = Standing.REFERENCE.get(execution);
    outbox.enqueue(Mail.about(reference, "audit-returns-overdue")
        .to(agency.senior()).to(partnership.businessUnit())
        .agency(agency.shortName())
        .count(missing)
        .link(links.tasklist())
        .due(schedule.dueInstant(reference, AUDITS_DUE), calendar.zone(), schedule.milestoneTitle(reference, AUDITS_DUE))
        .partnership(partnership.name(), partnership.businessUnit().name(), partnership.businessUnit().email())
        .once("audit-returns-overdue:" + execution.getActivityInstanceId()));
    missed.record(reference, AUDITS_DUE + " (" + agency.shortName() + ": " + missing + " children's returns missing)");
  }
}
