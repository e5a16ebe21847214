package uk.jtai.response.caseaudit;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/**
 * forms/complete-audit-tool.form: an agency's lead or deputy completes the Multi-Agency Audit Tool and
 * Chronology for one audited child (guidance 9.8), or records once that the agency has had no involvement
 * with the child (a nil return: no tool, no chronology, no sign-off; its senior is told). The form records
 * that both are done and where they are in the secure location, never their content; the agency's senior
 * then signs them off. (Why a return was sent back is shown on the form as a view, never submitted.)
 */
@Component
public class CompleteAuditToolForm implements TaskForm<CompleteAuditToolForm.Submitted> {

  static final String INVOLVED = "involved";
  static final String NO_INVOLVEMENT = "no-involvement";

  /**
   * @param auditInvolvement {@code involved} (the tool and chronology are completed: the other fields say so and
   *     where) or {@code no-involvement} (a nil return: the other fields fall away); the model's gateway reads it
   */
  public record Submitted(String auditInvolvement, boolean auditToolCompleted, boolean chronologyCompleted,
                          String returnLocation) {

    boolean noInvolvement() {
      return NO_INVOLVEMENT.equals(auditInvolvement);
    }
  }

  private final AuditReturns returns;
  private final CurrentUser user;

  public CompleteAuditToolForm(AuditReturns returns, CurrentUser user) {
    this.returns = returns;
    this.user = user;
  }

  @Override
  public String formId() {
    return "complete-audit-tool";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    String involvement = submission.choice(Submitted::auditInvolvement, List.of(INVOLVED, NO_INVOLVEMENT));
    if (NO_INVOLVEMENT.equals(involvement)) {
      // A nil return claims no tool, no chronology and no place where they are saved.
      if (submission.flag(Submitted::auditToolCompleted)) {
        submission.reject(Submitted::auditToolCompleted, "you recorded no involvement with this child: "
            + "there is no Multi-Agency Audit Tool to confirm");
      }
      if (submission.flag(Submitted::chronologyCompleted)) {
        submission.reject(Submitted::chronologyCompleted, "you recorded no involvement with this child: "
            + "there is no Chronology to confirm");
      }
      if (submission.optionalText(Submitted::returnLocation, 300).isPresent()) {
        submission.reject(Submitted::returnLocation, "you recorded no involvement with this child: "
            + "there is nothing saved to say where");
      }
      return new Submitted(involvement, false, false, null);
    }
    return new Submitted(involvement,
        submission.requireTrue(Submitted::auditToolCompleted, "confirm the Multi-Agency Audit Tool is completed for this child"),
        submission.requireTrue(Submitted::chronologyCompleted, "confirm the Chronology is completed for this child"),
        submission.text(Submitted::returnLocation, 300));
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    String reference = Standing.REFERENCE.get(task);
    String agency = Standing.AGENCY.get(task);
    int child = Standing.CHILD_NUMBER.get(task);
    if (submitted.noInvolvement()) {
      returns.noInvolvement(reference, agency, child, user.id(), EngineTime.now());
    } else {
      returns.completed(reference, agency, child, submitted.returnLocation(), user.id());
    }
  }
}
