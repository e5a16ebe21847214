package uk.jtai.response.auditreport;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/appoint-audit-roles.form: the Business Unit appoints the Audit Chair, who must be from one of
 * the statutory partners (guidance 9.13), and nominates the Audit Author (9.14).
 */
@Component
public class AppointAuditRolesForm implements TaskForm {

  private final AuditDay auditDay;

  public AppointAuditRolesForm(AuditDay auditDay) {
    this.auditDay = auditDay;
  }

  @Override
  public String formId() {
    return "appoint-audit-roles";
  }

  @Override
  public void check(DelegateTask task, Submission submission) {
    String chair = submission.text(AuditReportVariables.AUDIT_CHAIR.name(), 128);
    if (chair != null && !auditDay.possibleChairs().containsKey(chair)) {
      submission.reject(AuditReportVariables.AUDIT_CHAIR.name(),
          "the Audit Chair must be a person from a statutory partner (a user of their lead contact or senior approver groups)");
    }
    String author = submission.text(AuditReportVariables.AUDIT_AUTHOR.name(), 128);
    if (author != null && !auditDay.possibleAuthors().containsKey(author)) {
      submission.reject(AuditReportVariables.AUDIT_AUTHOR.name(), "the Audit Author must be a user of the partnership");
    }
  }
}
