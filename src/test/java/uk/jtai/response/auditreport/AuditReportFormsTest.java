package uk.jtai.response.auditreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static uk.jtai.response.support.FormReading.json;
import static uk.jtai.response.support.FormReading.refusals;
import static uk.jtai.response.support.FormReading.submission;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.junit.jupiter.api.Test;
import uk.jtai.response.calendar.Schedule;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.web.CurrentUser;

/** The audit report's forms, without an engine: the Audit Day, a draft's version, a partner's decision. */
class AuditReportFormsTest {

  static final String REFERENCE = "JTAI-2027-05-YORK";

  final Inspections inspections = mock(Inspections.class);
  final CurrentUser user = mock(CurrentUser.class);

  AuditReportFormsTest() {
    when(inspections.agencies(any())).thenReturn(List.of("la", "police", "health"));
    when(user.id()).thenReturn("health-lead");
  }

  static DelegateTask task(Integer reportVersion) {
    Map<String, Object> variables = new HashMap<>(Map.of("reference", REFERENCE, "agency", "health"));
    if (reportVersion != null) {
      variables.put("reportVersion", reportVersion);
    }
    return uk.jtai.response.support.FormReading.task(variables);
  }

  @Test
  void theAuditDayNamesOnlyTheInspectionsAgenciesOnce() {
    RecordAuditDayForm form = new RecordAuditDayForm(inspections);
    Submission held = submission(Map.of("auditDayHeld", true, "attendedAgencies", json("[\"la\",\"police\"]")));
    Submission wrong = submission(Map.of("auditDayHeld", true, "attendedAgencies", json("[\"la\",\"fire\",\"la\"]")));
    Submission none = submission(Map.of("auditDayHeld", false));

    assertThat(form.read(task(null), held)).isEqualTo(new RecordAuditDayForm.Submitted(true, List.of("la", "police")));
    assertThat(refusals(held)).isEmpty();
    form.read(task(null), wrong);
    assertThat(refusals(wrong)).containsExactly("attendedAgencies: 'fire' is not an agency of this inspection",
        "attendedAgencies: 'la' is listed twice");
    form.read(task(null), none);
    assertThat(refusals(none)).containsExactly("auditDayHeld: confirm the Audit Day was held",
        "attendedAgencies: choose the agencies that attended");
  }

  @Test
  void aDraftsVersionIsHigherThanTheLastShared() {
    UploadReportDraftForm form = new UploadReportDraftForm(mock(Schedule.class), inspections);
    Submission first = submission(Map.of("newReportVersion", 1, "newReportLocation", "Reports/draft-1.docx"));
    Submission same = submission(Map.of("newReportVersion", "2", "newReportLocation", "Reports/draft-2.docx"));
    Submission none = submission(Map.of("newReportVersion", "two"));

    assertThat(form.read(task(null), first)).isEqualTo(new UploadReportDraftForm.Submitted(1, "Reports/draft-1.docx"));
    assertThat(refusals(first)).isEmpty();
    form.read(task(2), same);
    assertThat(refusals(same)).containsExactly("newReportVersion: must be higher than the last version shared (2)");
    form.read(task(2), none);
    assertThat(refusals(none)).containsExactly("newReportLocation: is required",
        "newReportVersion: give the version number of this draft");
  }

  @Test
  void aPartnerApprovesAQualityAssuredVersionOrRejectsItWithAReason() {
    ReportDecisions decisions = mock(ReportDecisions.class);
    ApproveReportForm form = new ApproveReportForm(decisions, user);
    Submission approve = submission(Map.of("reportDecision", "approve", "qualityAssured", true));
    Submission unassured = submission(Map.of("reportDecision", "approve"));
    Submission reject = submission(Map.of("reportDecision", "reject", "reportDecisionReason", "Section 3 misreads the chronology"));
    Submission noReason = submission(Map.of("reportDecision", "reject"));

    assertThat(form.read(task(2), approve)).isEqualTo(new ApproveReportForm.Submitted("approve", true, null));
    form.read(task(2), unassured);
    ApproveReportForm.Submitted rejected = form.read(task(2), reject);
    form.read(task(2), noReason);

    assertThat(refusals(approve)).isEmpty();
    assertThat(refusals(unassured)).containsExactly(
        "qualityAssured: confirm your agency has quality-assured this version before approving it");
    assertThat(refusals(reject)).isEmpty();
    assertThat(refusals(noReason)).containsExactly("reportDecisionReason: is required");
    form.record(task(2), rejected);
    verify(decisions).decide(eq(REFERENCE), eq(2), eq(new ReportDecisions.Decision("health", ReportDecisions.REJECTED, false,
        "Section 3 misreads the chronology")), eq("health-lead"), any(), eq(false));
  }
}
