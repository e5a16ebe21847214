package uk.jtai.response.childselection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static uk.jtai.response.support.FormReading.json;
import static uk.jtai.response.support.FormReading.refusals;
import static uk.jtai.response.support.FormReading.submission;
import static uk.jtai.response.support.FormReading.task;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.junit.jupiter.api.Test;
import uk.jtai.response.calendar.Schedule;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.PartnershipProperties;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.web.CurrentUser;

/** The child-selection forms' reads, without an engine: the selections and the known-to-agency sheet. */
class ChildSelectionFormsTest {

  static final String REFERENCE = "JTAI-2027-05-YORK";
  private final IdentifiedChildren identities = mock(IdentifiedChildren.class);
  static final List<String> FIRST = List.of("1001", "1002", "1003", "1004", "1005", "1006", "1007", "1008");

  final Theme theme = mock(Theme.class);
  final Inspections inspections = mock(Inspections.class);
  final SelectedChildren selected = mock(SelectedChildren.class);
  final ChildReferences references;
  final DelegateTask task = task(Map.of("reference", REFERENCE, "agency", "police"));

  ChildSelectionFormsTest() {
    Partnership partnership = mock(Partnership.class);
    when(partnership.childReference()).thenReturn(
        new PartnershipProperties.ChildReference("MOSAIC number", "[0-9]{4,10}", "a MOSAIC number, 4 to 10 digits"));
    references = new ChildReferences(partnership);
    when(inspections.theme(any())).thenReturn(theme);
    when(theme.selection()).thenReturn(new Theme.Selection(new Theme.Range(5, 8), new Theme.Range(2, 3)));
    when(selected.firstSelection(REFERENCE)).thenReturn(FIRST);
  }

  @Test
  void theFirstSelectionIsReadAsAListOfReferences() {
    FirstSelectionForm form = new FirstSelectionForm(inspections, references, selected, mock(Schedule.class), identities);
    Submission submission = submission(Map.of("firstSelectionEntry", " 1001\n1002, 1003;1004 1005 "));

    FirstSelectionForm.Submitted read = form.read(task, submission);

    assertThat(refusals(submission)).isEmpty();
    assertThat(read.firstSelectionEntry()).containsExactly("1001", "1002", "1003", "1004", "1005");
  }

  @Test
  void whenTheIdentifyingDetailsWereRecordedFirstTheReferencesMustBeTheSameChildren() {
    when(identities.childReferences(REFERENCE)).thenReturn(FIRST.subList(0, 5));
    FirstSelectionForm form = new FirstSelectionForm(inspections, references, selected, mock(Schedule.class), identities);
    Submission same = submission(Map.of("firstSelectionEntry", "1005\n1004\n1003\n1002\n1001"));
    Submission other = submission(Map.of("firstSelectionEntry", "1001\n1002\n1003\n1004\n9999"));

    assertThat(form.read(task, same).firstSelectionEntry()).containsExactly("1005", "1004", "1003", "1002", "1001");
    assertThat(refusals(same)).isEmpty();
    assertThat(form.read(task, other).firstSelectionEntry()).isNull();
    assertThat(refusals(other)).containsExactly(
        "firstSelectionEntry: entry 5 is not one of the children whose identifying details were recorded",
        "firstSelectionEntry: 1 of the children whose identifying details were recorded are not entered");
  }

  @Test
  void aFirstSelectionIsRefusedByPositionNeverByReference() {
    FirstSelectionForm form = new FirstSelectionForm(inspections, references, selected, mock(Schedule.class), identities);
    Submission tooFew = submission(Map.of("firstSelectionEntry", "1001\n1002"));
    Submission wrong = submission(Map.of("firstSelectionEntry", "1001\nAB12\n1003\n1001\n1005"));
    Submission missing = submission(Map.of());

    assertThat(form.read(task, tooFew).firstSelectionEntry()).isNull();
    assertThat(refusals(tooFew)).containsExactly("firstSelectionEntry: the inspectors select 5 to 8 children; 2 were entered");
    form.read(task, wrong);
    assertThat(refusals(wrong)).containsExactly(
        "firstSelectionEntry: entry 2 is not a MOSAIC number, 4 to 10 digits",
        "firstSelectionEntry: entry 4 repeats entry 1");
    assertThat(String.join("; ", refusals(wrong))).doesNotContain("AB12");
    form.read(task, missing);
    assertThat(refusals(missing)).containsExactly("firstSelectionEntry: is required");
  }

  @Test
  void theAuditSelectionComesFromTheFirstSelection() {
    AuditSelectionForm form = new AuditSelectionForm(inspections, references, selected);
    Submission good = submission(Map.of("auditSelectionEntry", "1002\n1005"));
    Submission outside = submission(Map.of("auditSelectionEntry", "1002\n9999"));

    assertThat(form.read(task, good).auditSelectionEntry()).containsExactly("1002", "1005");
    assertThat(refusals(good)).isEmpty();
    form.read(task, outside);
    assertThat(refusals(outside)).containsExactly("auditSelectionEntry: entry 2 is not one of the children of the first selection");
  }

  @Test
  void theKnownToAgencySheetAnswersEveryChildAndQuestionOnce() {
    KnownToAgency sheet = mock(KnownToAgency.class);
    when(selected.firstSelection(REFERENCE)).thenReturn(List.of("1001", "1002"));
    when(sheet.questions(theme)).thenReturn(List.of(new Theme.Question("known", "Is this child known to your agency?"),
        new Theme.Question("da-victim", "Is the child a victim of domestic abuse?")));
    KnownToAgencyForm form = new KnownToAgencyForm(inspections, selected, sheet, mock(KnownToAgencyReturns.class),
        mock(CurrentUser.class));
    // As Tasklist sends it: the rows in the order offered, without the hidden question ids.
    Submission complete = submission(Map.of("knownToAgencyAnswers", json("""
        [{"child":"1001","answer":"Yes"},{"child":"1001","answer":"no"},
         {"child":"1002","answer":"No"},{"child":"1002","answer":"no"}]""")));
    Submission wrong = submission(Map.of("knownToAgencyAnswers", json("""
        [{"child":"1001","questionId":"known","answer":"maybe"},{"child":"4242","questionId":"known","answer":"yes"},
         {"child":"1001","questionId":"known","answer":"yes"}]""")));

    KnownToAgencyForm.Submitted read = form.read(task, complete);

    assertThat(refusals(complete)).isEmpty();
    assertThat(read.knownToAgencyAnswers()).containsExactly(
        new KnownToAgencyReturns.Answer("1001", "known", "yes"), new KnownToAgencyReturns.Answer("1001", "da-victim", "no"),
        new KnownToAgencyReturns.Answer("1002", "known", "no"), new KnownToAgencyReturns.Answer("1002", "da-victim", "no"));
    assertThat(form.read(task, wrong).knownToAgencyAnswers()).isNull();
    assertThat(refusals(wrong)).containsExactly(
        "knownToAgencyAnswers[0].answer: row 1 (child 1): answer Yes or No",
        "knownToAgencyAnswers[1].child: row 2 is not about a child of the inspectors' selection",
        "knownToAgencyAnswers[2]: row 3 answers a question already answered for that child",
        "knownToAgencyAnswers: 3 of 4 questions are not answered");
  }

  private KnownToAgencyForm twoChildSheet() {
    KnownToAgency sheet = mock(KnownToAgency.class);
    when(selected.firstSelection(REFERENCE)).thenReturn(List.of("1001", "1002"));
    when(sheet.questions(theme)).thenReturn(List.of(new Theme.Question("known", "Is this child known to your agency?"),
        new Theme.Question("da-victim", "Is the child a victim of domestic abuse?")));
    return new KnownToAgencyForm(inspections, selected, sheet, mock(KnownToAgencyReturns.class), mock(CurrentUser.class));
  }

  @Test
  void aChildTickedAsNotKnownNeedsNoAnswersAndIsRecordedNotKnownWithItsQuestionsNotApplicable() {
    KnownToAgencyForm form = twoChildSheet();
    // As Tasklist sends it: the ticked child's answers hidden, so absent; a REST client may send No or leave rows out.
    Submission tasklist = submission(Map.of("notKnownChildren", json("[\"1002\"]"), "knownToAgencyAnswers", json("""
        [{"child":"1001","answer":"yes"},{"child":"1001","answer":"no"},{"child":"1002"},{"child":"1002","answer":null}]""")));
    Submission rest = submission(Map.of("notKnownChildren", json("[\"1002\"]"), "knownToAgencyAnswers", json("""
        [{"child":"1001","questionId":"known","answer":"yes"},{"child":"1001","questionId":"da-victim","answer":"no"},
         {"child":"1002","questionId":"known","answer":"No"}]""")));

    for (Submission submission : List.of(tasklist, rest)) {
      KnownToAgencyForm.Submitted read = form.read(task, submission);

      assertThat(refusals(submission)).isEmpty();
      assertThat(read.notKnownChildren()).containsExactly("1002");
      assertThat(read.knownToAgencyAnswers()).containsExactly(
          new KnownToAgencyReturns.Answer("1001", "known", "yes"), new KnownToAgencyReturns.Answer("1001", "da-victim", "no"),
          new KnownToAgencyReturns.Answer("1002", "known", KnownToAgencyReturns.NOT_KNOWN),
          new KnownToAgencyReturns.Answer("1002", "da-victim", KnownToAgencyReturns.NOT_APPLICABLE));
    }
  }

  @Test
  void aNotKnownTickThatContradictsAnAnswerOrIsNotAChildOfTheSelectionIsRefusedByRow() {
    KnownToAgencyForm form = twoChildSheet();
    Submission contradicts = submission(Map.of("notKnownChildren", json("[\"1002\"]"), "knownToAgencyAnswers", json("""
        [{"child":"1001","answer":"yes"},{"child":"1001","answer":"no"},{"child":"1002","answer":"no"},{"child":"1002","answer":"Yes"}]""")));
    Submission outside = submission(Map.of("notKnownChildren", json("[\"1001\",\"4242\",\"1001\"]"), "knownToAgencyAnswers", json("""
        [{"child":"1001"},{"child":"1001"},{"child":"1002"},{"child":"1002","answer":"no"}]""")));

    assertThat(form.read(task, contradicts).knownToAgencyAnswers()).isNull();
    assertThat(refusals(contradicts)).containsExactly("knownToAgencyAnswers[3].answer: row 4 (child 2): Yes contradicts "
        + "'Not known to us' ticked for this child; leave its questions blank or untick it");
    KnownToAgencyForm.Submitted refused = form.read(task, outside);
    assertThat(refused.notKnownChildren()).isNull();
    assertThat(refused.knownToAgencyAnswers()).isNull();
    assertThat(refusals(outside)).contains(
        "notKnownChildren: entry 2 is not a child of the inspectors' selection",
        "notKnownChildren: entry 3 is ticked twice");
    assertThat(String.join("\n", refusals(outside))).doesNotContain("4242");
  }
}
