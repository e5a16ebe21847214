package uk.jtai.response.auditreport;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.security.ProcessStarters;
import uk.jtai.response.security.Roles;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.web.ApiExceptionHandler;
import uk.jtai.response.web.CurrentUser;

/**
 * Start listener of bpmn/reassign-audit-role.bpmn ({@code ${auditRoleReassignment}}): the Business Unit reassigns
 * the Audit Chair or Author from Tasklist (issue 16 item 4), as {@code POST /api/inspections/{reference}/audit-roles}
 * does: its start form read once ({@link ReassignAuditRoleForm}), then {@link AuditRoles}'s checks and change. Bad
 * input refuses the start naming the field, and changes nothing.
 */
@Component("auditRoleReassignment")
public class AuditRoleReassignment implements ExecutionListener {

  public static final String PROCESS_KEY = "reassign-audit-role";

  private final ReassignAuditRoleForm form;
  private final AuditRoles roles;
  private final ScheduleRepository inspections;
  private final CurrentUser user;

  public AuditRoleReassignment(ReassignAuditRoleForm form, AuditRoles roles, ScheduleRepository inspections,
                               CurrentUser user) {
    this.form = form;
    this.roles = roles;
    this.inspections = inspections;
    this.user = user;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Submission submission = new Submission(execution);
    ReassignAuditRoleForm.Submitted request = form.read(submission);
    String reference = request.inspectionReference();
    if (reference != null && inspections.find(reference).isEmpty()) {
      submission.reject(ReassignAuditRoleForm.Submitted::inspectionReference, "is no inspection of this service");
    }
    submission.verdict();
    execution.setProcessBusinessKey(reference);
    try {
      roles.reassign(reference, request.reassignment(), user.id(), submission);
    } catch (ApiExceptionHandler.ConflictException notRunning) {
      // The API's 409 (the stage not running, no one appointed yet): here, the reference is what is wrong.
      submission.reject(ReassignAuditRoleForm.Submitted::inspectionReference, notRunning.getMessage());
      submission.verdict();
    }
  }

  /** Only the Business Unit reassigns the Audit Chair or Author. */
  @Bean
  static ProcessStarters reassignAuditRoleStarters() {
    return new ProcessStarters(PROCESS_KEY, List.of(Roles.BUSINESS_UNIT));
  }
}
