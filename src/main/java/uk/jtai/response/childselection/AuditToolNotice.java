package uk.jtai.response.childselection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.Schedule;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.notify.Mail;
import uk.jtai.response.notify.Outbox;
import uk.jtai.response.notify.TaskLinks;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.process.Standing;

/**
 * Bean {@code auditToolNotice}: tells every agency's lead contact and deputy where the Multi-Agency
 * Audit Tool and Chronology are (the partnership's configured secure location) and by when they are
 * due back, with a link to their tasks; how many children, never which.
 */
@Component("auditToolNotice")
public class AuditToolNotice implements JavaDelegate {

  static final String AUDITS_DUE = "AUDITS_DUE";

  private final Inspections inspections;
  private final Partnership partnership;
  private final Outbox outbox;
  private final Schedule schedule;
  private final WorkingCalendar calendar;
  private final TaskLinks links;

  public AuditToolNotice(Inspections inspections, Partnership partnership, Outbox outbox, Schedule schedule,
                         WorkingCalendar calendar, TaskLinks links) {
    this.inspections = inspections;
    this.partnership = partnership;
    this.outbox = outbox;
    this.schedule = schedule;
    this.calendar = calendar;
    this.links = links;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String reference = Standing.REFERENCE.get(execution);
    int children = ChildSelectionVariables.AUDIT_SELECTION_COUNT.get(execution);
    for (String agencyId : inspections.caseAuditAgencies(execution)) {
      Agency agency = partnership.agency(agencyId);
      outbox.enqueue(Mail.about(reference, "audit-tool-available")
          .to(agency.lead()).to(agency.deputy())
          .agency(agency.shortName())
          .count(children)
          .location(partnership.auditToolLocation())
          .link(links.tasklist())
          .due(schedule.dueInstant(reference, AUDITS_DUE), calendar.zone(), schedule.milestoneTitle(reference, AUDITS_DUE))
          .partnership(partnership.name(), partnership.businessUnit().name(), partnership.businessUnit().email())
          .once("audit-tool:" + execution.getProcessInstanceId() + ":" + agencyId));
    }
  }
}
