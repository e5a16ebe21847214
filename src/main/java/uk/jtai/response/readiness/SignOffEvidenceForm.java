package uk.jtai.response.readiness;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/**
 * forms/sign-off-evidence.form: the agency's senior authority gives formal sign-off for each document of
 * the checklist (guidance 7.8, 7.12) or returns it with a reason. Sign-off needs every uploaded document
 * approved by the senior authority; otherwise the checklist goes back.
 */
@Component
public class SignOffEvidenceForm implements TaskForm<SignOffEvidenceForm.Submitted> {

  static final String SIGN_OFF = "sign-off";
  static final String RETURN = "return";

  /** @param returnReason why it is returned (only then) */
  public record Submitted(String signOffDecision, boolean formalSignOff, String returnReason) {}

  private final ReadinessRepository repository;
  private final CurrentUser user;

  public SignOffEvidenceForm(ReadinessRepository repository, CurrentUser user) {
    this.repository = repository;
    this.user = user;
  }

  @Override
  public String formId() {
    return "sign-off-evidence";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    String decision = submission.choice(Submitted::signOffDecision, List.of(SIGN_OFF, RETURN));
    boolean formal = false;
    String reason = null;
    if (RETURN.equals(decision)) {
      reason = submission.text(Submitted::returnReason, 2000);
    } else if (SIGN_OFF.equals(decision)) {
      formal = submission.requireTrue(Submitted::formalSignOff,
          "confirm that you give formal sign-off for each document on the checklist");
      List<String> unapproved = repository.documents(ThemeReadiness.key(task), ThemeReadiness.agency(task)).stream()
          .filter(d -> Boolean.TRUE.equals(d.uploaded()) && !Boolean.TRUE.equals(d.seniorApproved()))
          .map(d -> "'" + d.title() + "'").toList();
      if (!unapproved.isEmpty()) {
        submission.reject(Submitted::signOffDecision, unapproved.size() + " uploaded document(s) are not approved by "
            + "the senior authority (" + String.join(", ", unapproved) + "): return the checklist so they can be");
      }
    }
    return new Submitted(decision, formal, reason);
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    String key = ThemeReadiness.key(task);
    String agency = ThemeReadiness.agency(task);
    if (SIGN_OFF.equals(submitted.signOffDecision())) {
      boolean qualityAssurance = repository.checklist(key, agency).qualityAssurer() != null;
      repository.recordSignOff(key, agency, qualityAssurance, user.id(), EngineTime.now());
    } else {
      repository.recordReturn(key, agency, submitted.returnReason());
    }
  }
}
