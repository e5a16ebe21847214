package uk.jtai.response.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.jtai.response.support.ChildData;

/** A submission the server refuses is shown to the user in words, and the task stays open for them. */
class ValidationBrowserIT extends BrowserTestSupport {

  @Test
  void nineteenChildrenInsteadOfTwentyIsShownAndTheTaskStaysOpen() {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00");
    finishNotificationCascadeAndMeetings(reference);
    submitAnnexA(reference);
    moveClockTo("2027-05-26T10:00:00+01:00");
    List<String> twenty = ChildData.references(700, 20);

    Tasklist laim = tasklist().logIn("laim");
    String taskId = task(reference, "Task_RecordFirstSelection").getId();
    TaskForm form = laim.open("Record the children the inspectors selected", taskId).claim();
    form.type("The selected children's references, one per line", ChildData.lines(twenty.subList(0, 19)));
    String error = form.completeExpectingError();

    assertThat(error).contains("the inspectors select 20 children; 19 were entered")
        .doesNotContain("ENGINE-", "Exception", "org.camunda", "uk.jtai");
    twenty.forEach(child -> assertThat(error).doesNotContain(child));
    assertThat(task(reference, "Task_RecordFirstSelection")).as("the task is still open").isNotNull();
    assertThat(laim.isListed(taskId)).isTrue();

    // Put right, the same form completes.
    form.type("The selected children's references, one per line", ChildData.lines(twenty));
    form.complete();
    assertThat(task(reference, "Task_RecordFirstSelection")).isNull();
  }
}
