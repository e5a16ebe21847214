package uk.jtai.response.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static uk.jtai.response.support.FormReading.json;
import static uk.jtai.response.support.FormReading.refusals;
import static uk.jtai.response.support.FormReading.submission;
import static uk.jtai.response.support.FormReading.task;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.junit.jupiter.api.Test;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.web.CurrentUser;

/** Theme readiness between inspections, without an engine: an agency's checklist and its senior's sign-off. */
class ReadinessFormsTest {

  static final String KEY = "READINESS-DOMESTIC-ABUSE-2027-06-01";

  final ReadinessRepository repository = mock(ReadinessRepository.class);
  final CurrentUser user = mock(CurrentUser.class);
  final DelegateTask task = task(Map.of("reference", KEY, "agency", "police"));

  ReadinessFormsTest() {
    when(user.id()).thenReturn("police-lead");
    when(repository.agencies(KEY)).thenReturn(List.of("la", "police", "health"));
  }

  static ReadinessRepository.Document document(String id, String title, Boolean uploaded, Boolean approved) {
    return new ReadinessRepository.Document("police", id, 1, title, uploaded, null, approved, null);
  }

  @Test
  void aChecklistAnswersEachDocumentOnceAndMayAskAnotherAgencyToQualityAssureIt() {
    when(repository.documents(KEY, "police")).thenReturn(List.of(document("policy", "Domestic abuse policy", null, null),
        document("training", "Training records", null, null)));
    EvidenceChecklistForm form = new EvidenceChecklistForm(repository, user);
    // The second row comes back as Tasklist sends it: no document id, only the title it showed.
    Submission good = submission(Map.of("evidenceChecklist", json("""
        [{"document":"policy","uploaded":true,"seniorApproved":true,"location":" Evidence/policy.pdf "},
         {"title":"Training records","uploaded":false,"rationale":"Being updated"}]"""), "qualityAssurer", "health"));
    Submission bad = submission(Map.of("evidenceChecklist", json("""
        [{"document":"policy","uploaded":false,"seniorApproved":true},{"document":"policy","uploaded":true,"location":"x"},
         {"document":"fire-plan","uploaded":true,"location":"y"}]"""), "qualityAssurer", "police"));

    EvidenceChecklistForm.Submitted read = form.read(task, good);
    form.record(task, read);

    assertThat(refusals(good)).isEmpty();
    assertThat(read.qualityAssurer()).isEqualTo("health");
    assertThat(read.evidenceChecklist()).containsExactly(
        new ReadinessRepository.Document("police", "policy", 1, "Domestic abuse policy", true, "Evidence/policy.pdf", true, null),
        new ReadinessRepository.Document("police", "training", 1, "Training records", false, null, false, "Being updated"));
    verify(repository).recordChecklist(eq(KEY), eq("police"), eq(read.evidenceChecklist()), eq("health"), eq("police-lead"), any());
    assertThat(form.read(task, bad)).isEqualTo(new EvidenceChecklistForm.Submitted(null, null));
    assertThat(refusals(bad)).containsExactly(
        "evidenceChecklist[0].rationale: 'Domestic abuse policy': not uploaded, so give the rationale",
        "evidenceChecklist[0].seniorApproved: 'Domestic abuse policy': not uploaded, so it cannot have been approved",
        "evidenceChecklist[1].document: 'Domestic abuse policy' is answered twice",
        "evidenceChecklist[2].document: row 3 is not a document of your checklist",
        "evidenceChecklist: 'Training records' is not answered",
        "qualityAssurer: must be another agency of this theme: la, health");
  }

  @Test
  void signOffNeedsEveryUploadedDocumentApprovedAndAReturnAReason() {
    when(repository.documents(KEY, "police")).thenReturn(List.of(document("policy", "Domestic abuse policy", true, false),
        document("training", "Training records", false, false)));
    SignOffEvidenceForm form = new SignOffEvidenceForm(repository, user);
    Submission signOff = submission(Map.of("signOffDecision", "sign-off", "formalSignOff", true));
    Submission giveBack = submission(Map.of("signOffDecision", "return", "returnReason", "Approve the policy first"));
    Submission noReason = submission(Map.of("signOffDecision", "return"));

    form.read(task, signOff);
    SignOffEvidenceForm.Submitted returned = form.read(task, giveBack);
    form.read(task, noReason);
    form.record(task, returned);

    assertThat(refusals(signOff)).containsExactly("signOffDecision: 1 uploaded document(s) are not approved by the senior "
        + "authority ('Domestic abuse policy'): return the checklist so they can be");
    assertThat(refusals(giveBack)).isEmpty();
    assertThat(returned).isEqualTo(new SignOffEvidenceForm.Submitted("return", false, "Approve the policy first"));
    assertThat(refusals(noReason)).containsExactly("returnReason: is required");
    verify(repository).recordReturn(KEY, "police", "Approve the policy first");
  }
}
