package uk.jtai.response.auditreport;

import org.springframework.stereotype.Component;
import uk.jtai.response.tasks.StartForm;
import uk.jtai.response.tasks.StartFormListener;
import uk.jtai.response.tasks.Submission;

/**
 * The start form of reassign-audit-role ({@code forms/reassign-audit-role.form}): which inspection, which role
 * (Audit Chair or Author), the person who takes it over (a user id) and why. The role, person and reason are
 * read as the API reads them ({@link AuditRoles#read}); whether the person may hold the role and whether the
 * stage is running are {@link AuditRoles}'s checks, which name the field.
 */
@Component
public class ReassignAuditRoleForm implements StartForm<ReassignAuditRoleForm.Submitted> {

  /** What the form sent; a field left empty reads as null (and is refused as required). */
  public record Submitted(String inspectionReference, String role, String newUser, String reason) implements StartFormListener.OnInspection {

    AuditRoles.Reassignment reassignment() {
      return new AuditRoles.Reassignment(role, newUser, reason);
    }
  }

  @Override
  public String formId() {
    return "reassign-audit-role";
  }

  @Override
  public Submitted read(Submission submission) {
    String reference = submission.text(Submitted::inspectionReference, 64);
    AuditRoles.Reassignment reassignment = AuditRoles.read(submission);
    return new Submitted(reference, reassignment.role(), reassignment.newUser(), reassignment.reason());
  }
}
