package uk.jtai.response.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static uk.jtai.response.support.FormReading.refusals;
import static uk.jtai.response.support.FormReading.submission;
import static uk.jtai.response.support.FormReading.task;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.web.CurrentUser;

/** The quarterly contacts check between inspections, without an engine: an agency's answer and the review. */
class ContactsFormsTest {

  static final String KEY = "CONTACTS-2027-07-01";

  final DelegateTask task = task(Map.of("reference", KEY, "agency", "health"));

  @Test
  void anAgencySaysItsContactsAreCurrentOrWhatToChange() {
    ContactsRepository repository = mock(ContactsRepository.class);
    CurrentUser user = mock(CurrentUser.class);
    when(user.id()).thenReturn("health-lead");
    ConfirmContactsForm form = new ConfirmContactsForm(repository, user);
    Submission changes = submission(Map.of("contactsCurrent", "changes", "contactChanges", "New deputy: A. Smith",
        "briefed", true));
    Submission unsaid = submission(Map.of("contactsCurrent", "changes"));

    ConfirmContactsForm.Submitted read = form.read(task, changes);
    form.record(task, read);
    form.read(task, unsaid);

    assertThat(refusals(changes)).isEmpty();
    ArgumentCaptor<ContactsRepository.Answer> answer = ArgumentCaptor.forClass(ContactsRepository.Answer.class);
    verify(repository).record(eq(KEY), answer.capture());
    assertThat(answer.getValue()).extracting("agency", "current", "changes", "confirmedBy")
        .containsExactly("health", false, "New deputy: A. Smith", "health-lead");
    assertThat(refusals(unsaid)).containsExactly("contactChanges: is required",
        "briefed: confirm that the lead contact and deputies are briefed on their role once a JTAI is notified");
  }

  @Test
  void theReviewWaitsForEveryAgencyUnlessToldNotTo() {
    PartnershipContacts contacts = mock(PartnershipContacts.class);
    when(contacts.missing(any())).thenReturn("Police");
    when(contacts.changesAsked(any())).thenReturn(true);
    ReviewContactsForm form = new ReviewContactsForm(contacts);
    Submission early = submission(Map.of());
    Submission goOn = submission(Map.of("proceedWithoutAll", true, "partnershipUpdated", "true"));

    form.read(task, early);
    assertThat(form.read(task, goOn)).isEqualTo(new ReviewContactsForm.Submitted(true, true));

    assertThat(refusals(early)).containsExactly(
        "proceedWithoutAll: not every agency has answered (Police): wait for them, or tick to finish without them",
        "partnershipUpdated: agencies asked for changes: confirm the partnership file has been updated with them");
    assertThat(refusals(goOn)).isEmpty();
  }
}
