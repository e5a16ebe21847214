package uk.jtai.response.caseaudit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;
import static uk.jtai.response.support.FormReading.refusals;
import static uk.jtai.response.support.FormReading.submission;
import static uk.jtai.response.support.FormReading.task;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.junit.jupiter.api.Test;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.web.CurrentUser;

/** The case-audit forms' reads and records, without an engine: one child's return and its sign-off. */
class CaseAuditFormsTest {

  final AuditReturns returns = mock(AuditReturns.class);
  final CurrentUser user = mock(CurrentUser.class);
  final DelegateTask task = task(Map.of("reference", "JTAI-2027-05-YORK", "agency", "police", "childNumber", 3));

  CaseAuditFormsTest() {
    when(user.id()).thenReturn("police-lead");
  }

  @Test
  void aCompletedAuditToolSaysBothAreDoneAndWhere() {
    CompleteAuditToolForm form = new CompleteAuditToolForm(returns, user);
    Submission done = submission(Map.of("auditInvolvement", "involved", "auditToolCompleted", true,
        "chronologyCompleted", "true", "returnLocation", "  Secure drive/JTAI/child 3  "));
    Submission notYet = submission(Map.of("auditInvolvement", "involved", "auditToolCompleted", true,
        "returnLocation", "x".repeat(301)));

    CompleteAuditToolForm.Submitted read = form.read(task, done);
    form.record(task, read);

    assertThat(refusals(done)).isEmpty();
    assertThat(read).isEqualTo(new CompleteAuditToolForm.Submitted("involved", true, true, "Secure drive/JTAI/child 3"));
    verify(returns).completed("JTAI-2027-05-YORK", "police", 3, "Secure drive/JTAI/child 3", "police-lead");
    form.read(task, notYet);
    assertThat(refusals(notYet)).containsExactly(
        "chronologyCompleted: confirm the Chronology is completed for this child",
        "returnLocation: must be at most 300 characters");
  }

  @Test
  void noInvolvementIsANilReturnThatClaimsNoToolNoChronologyAndNoLocation() {
    CompleteAuditToolForm form = new CompleteAuditToolForm(returns, user);
    Submission nil = submission(Map.of("auditInvolvement", "no-involvement"));
    Submission claimsATool = submission(Map.of("auditInvolvement", "no-involvement", "auditToolCompleted", true,
        "chronologyCompleted", false, "returnLocation", "Secure drive/JTAI/child 3"));
    Submission neither = submission(Map.of("auditToolCompleted", true, "chronologyCompleted", true,
        "returnLocation", "Secure drive/JTAI/child 3"));

    CompleteAuditToolForm.Submitted read = form.read(task, nil);
    form.read(task, claimsATool);
    form.read(task, neither);

    assertThat(refusals(nil)).isEmpty();
    assertThat(read).isEqualTo(new CompleteAuditToolForm.Submitted("no-involvement", false, false, null));
    assertThat(refusals(claimsATool)).containsExactly(
        "auditToolCompleted: you recorded no involvement with this child: there is no Multi-Agency Audit Tool to confirm",
        "returnLocation: you recorded no involvement with this child: there is nothing saved to say where");
    assertThat(refusals(neither)).containsExactly("auditInvolvement: is required");
    form.record(task, read);
    verify(returns).noInvolvement(eq("JTAI-2027-05-YORK"), eq("police"), eq(3), eq("police-lead"), any());
    verifyNoMoreInteractions(returns);
  }

  @Test
  void aSignOffApprovesOrSendsBackWithAReason() {
    SignOffAuditForm form = new SignOffAuditForm(returns, user);
    Submission approve = submission(Map.of("auditDecision", "approve", "sentBackReason", "ignored when approving"));
    Submission sendBack = submission(Map.of("auditDecision", "send-back", "sentBackReason", " The chronology stops in March "));
    Submission noReason = submission(Map.of("auditDecision", "send-back"));
    Submission neither = submission(Map.of("auditDecision", "maybe"));

    assertThat(form.read(task, approve)).isEqualTo(new SignOffAuditForm.Submitted("approve", null));
    SignOffAuditForm.Submitted back = form.read(task, sendBack);
    assertThat(back).isEqualTo(new SignOffAuditForm.Submitted("send-back", "The chronology stops in March"));
    form.read(task, noReason);
    form.read(task, neither);

    assertThat(refusals(approve)).isEmpty();
    assertThat(refusals(sendBack)).isEmpty();
    assertThat(refusals(noReason)).containsExactly("sentBackReason: is required");
    assertThat(refusals(neither)).containsExactly("auditDecision: must be one of approve, send-back");
    form.record(task, back);
    verify(returns).sentBack("JTAI-2027-05-YORK", "police", 3, "police-lead", "The chronology stops in March");
    form.record(task, new SignOffAuditForm.Submitted("approve", null));
    verify(returns).submitted(eq("JTAI-2027-05-YORK"), eq("police"), eq(3), eq("police-lead"), any());
    verifyNoMoreInteractions(returns);
  }
}
