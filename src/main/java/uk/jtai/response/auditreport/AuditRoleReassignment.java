package uk.jtai.response.auditreport;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.security.ProcessStarters;
import uk.jtai.response.security.Roles;
import uk.jtai.response.tasks.StartFormListener;
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
public class AuditRoleReassignment extends StartFormListener<ReassignAuditRoleForm.Submitted> {

  public static final String PROCESS_KEY = "reassign-audit-role";

  private final AuditRoles roles;
  private final ScheduleRepository inspections;
  private final CurrentUser user;

  public AuditRoleReassignment(ReassignAuditRoleForm form, AuditRoles roles, ScheduleRepository inspections,
                               CurrentUser user) {
    super(form);
    this.roles = roles;
    this.inspections = inspections;
    this.user = user;
  }

  @Override
  protected void check(ReassignAuditRoleForm.Submitted request, Submission submission) {
    String reference = request.inspectionReference();
    if (reference != null && inspections.find(reference).isEmpty()) {
      submission.reject(ReassignAuditRoleForm.Submitted::inspectionReference, "is no inspection of this service");
    }
  }

  @Override
  protected void act(ReassignAuditRoleForm.Submitted request, Submission submission) {
    try {
      roles.reassign(request.inspectionReference(), request.reassignment(), user.id(), submission);
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
