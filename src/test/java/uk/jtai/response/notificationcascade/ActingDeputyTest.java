package uk.jtai.response.notificationcascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.jtai.response.digest.DailyDigest;
import uk.jtai.response.partnership.ActingContacts;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.tasks.SubmissionRejectedException;

/**
 * The deputy an agency names on day 1 (guidance 18.5) is reached by the daily digest and by the escalations
 * of that agency's missed deadlines, beside the partnership file's mailboxes (issue 16, item 7).
 */
class ActingDeputyTest extends ProcessTestSupport {

  static final String NOTIFIED = "2027-05-24T09:10:00+01:00"; // Monday

  @Autowired DailyDigest digest;
  @Autowired ActingContacts acting;

  private String notified() {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", NOTIFIED);
    moveClockTo("2027-05-24T10:00:00+01:00");
    complete(task(reference, "Task_NotifyPartners"), Map.of("contactsCurrent", true));
    return reference;
  }

  @Test
  void aDeputyNamedOnDayOneGetsTheDigestAndTheAgencysEscalationsAndNoOtherAgencys() {
    String reference = notified();
    complete(agencyTask(reference, "Task_ConfirmLeadContact", "police"), Map.of("confirmedContact", "deputy",
        "contactName", "Sam Stand-In", "contactEmail", " sam.stand-in@police.example ", "briefed", true));
    complete(agencyTask(reference, "Task_ConfirmLeadContact", "health"), Map.of("confirmedContact", "lead",
        "contactName", "Health Lead", "briefed", true));

    assertThat(acting.of(reference, "police")).get().satisfies(police -> {
      assertThat(police.actingAs()).isEqualTo("deputy");
      assertThat(police.contact().email()).isEqualTo("sam.stand-in@police.example");
    });
    assertThat(acting.of(reference, "health")).get().satisfies(health -> {
      assertThat(health.actingAs()).isEqualTo("lead");
      assertThat(health.contact().email()).isEqualTo("health.lead@york.example");
    });
    assertThat(acting.deputies(reference)).extracting(ActingContacts.Acting::agency).containsExactly("police");

    moveClockTo("2027-05-25T08:00:00+01:00");
    digest.sendDue();
    assertThat(outbox(reference, "daily-digest")).singleElement().extracting(row -> row.get("recipients"))
        .isEqualTo("cyscp@york.gov.uk,dcs@york.example,inspection.manager@york.example,sam.stand-in@police.example");

    // Day 5, 17:00: nobody has given the lead inspector the fieldwork week's meetings.
    moveClockTo("2027-05-28T17:00:01+01:00");
    fireDueTimers(reference);
    List<Map<String, Object>> meetings = outbox(reference, "task-overdue").stream()
        .filter(row -> ((String) row.get("subject")).contains("multi-agency meetings")).toList();
    assertThat(meetings).extracting(row -> (String) row.get("subject")).anyMatch(s -> s.contains("(Police)"));
    for (Map<String, Object> row : meetings) {
      String recipients = (String) row.get("recipients");
      if (((String) row.get("subject")).contains("(Police)")) {
        assertThat(recipients).contains("police.lead@york.example", "police.deputy@york.example", "sam.stand-in@police.example");
      } else {
        assertThat(recipients).doesNotContain("sam.stand-in@police.example");
      }
    }
  }

  @Test
  void aDeputyWithoutAWorkingAddressIsRefusedAndNothingIsKept() {
    String reference = notified();
    Task police = agencyTask(reference, "Task_ConfirmLeadContact", "police");

    assertThatThrownBy(() -> tasks.complete(police.getId(), Map.of("confirmedContact", "deputy",
        "contactName", "Sam Stand-In", "briefed", true)))
        .isInstanceOf(SubmissionRejectedException.class)
        .hasMessageContaining("contactEmail: is required for a deputy");
    assertThatThrownBy(() -> tasks.complete(police.getId(), Map.of("confirmedContact", "deputy",
        "contactName", "Sam Stand-In", "contactEmail", "sam at police", "briefed", true)))
        .isInstanceOf(SubmissionRejectedException.class)
        .hasMessageContaining("contactEmail: must be an e-mail address");

    assertThat(agencyTask(reference, "Task_ConfirmLeadContact", "police")).as("still open").isNotNull();
    assertThat(acting.of(reference, "police")).isEmpty();
  }

  @Test
  void theLeadContactActingKeepsThePartnershipFilesMailboxAndNoStrayAddress() {
    String reference = notified();
    complete(agencyTask(reference, "Task_ConfirmLeadContact", "police"), Map.of("confirmedContact", "lead",
        "contactName", "Police Lead", "contactEmail", "someone.else@elsewhere.example", "briefed", true));
    assertThat(acting.of(reference, "police")).get()
        .satisfies(police -> assertThat(police.contact().email()).isEqualTo("police.lead@york.example"));
    assertThat(acting.deputies(reference)).isEmpty();
  }
}
