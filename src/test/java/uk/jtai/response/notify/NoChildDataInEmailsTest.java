package uk.jtai.response.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * E-mails link to tasks; they never carry what people entered in them (names, portal references, notes:
 * the places where case details could be typed) nor anything that looks like a child identifier.
 */
class NoChildDataInEmailsTest extends ProcessTestSupport {

  static final String ENTERED = "MOSAIC 7301234 Jane Example";

  @Autowired MailTemplates templates;

  /** Task links hold engine ids (UUIDs), whose digit runs are not identifiers of children. */
  private static String withoutLinks(String text) {
    return text.replaceAll("https?://\\S+", "<link>");
  }

  @Test
  void everyTemplateRendersCompletelyFromTheMailVocabularyAlone() throws IOException {
    Mail mail = Mail.about("JTAI-2027-05-YORK", "any").to(new uk.jtai.response.partnership.Contact("x", "x@test.example"))
        .theme("children who are victims of domestic abuse").agency("Police")
        .task("Confirm your lead contact is available and briefed (Police)", "https://jtai.test/camunda/app/tasklist/default/#/?task=abc")
        .due(Instant.parse("2027-05-24T16:00:00Z"), ZoneId.of("Europe/London"), "Every agency has confirmed")
        .count(2).childPosition(3).location("the CYSCP JTAI shared folder").themeAgencies("Local Authority, Police, Health")
        .partnership("City of York Safeguarding Children Partnership", "CYSCP Business Unit", "cyscp@york.gov.uk");
    Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:mail/*.txt");
    assertThat(files).isNotEmpty();
    for (Resource file : files) {
      String name = file.getFilename().replace(".txt", "");
      MailTemplates.Rendered rendered = templates.render(name, mail.model());
      assertThat(rendered.subject()).as(name).contains("JTAI-2027-05-YORK").doesNotContain("[(").doesNotContain("${");
      assertThat(rendered.body()).as(name).doesNotContain("[(").doesNotContain("${").doesNotContain("null")
          .containsPattern("https://jtai.test/camunda/app/tasklist/");
      assertThat(withoutLinks(rendered.body())).doesNotContainPattern("\\b\\d{5,}\\b");
    }
  }

  @Test
  void whatPeopleTypeIntoTasksNeverReachesAnEmail() {
    String reference = inspectionWithPartnersNotified();
    complete(agencyTask(reference, "Task_ConfirmLeadContact", "police"),
        Map.of("confirmedContact", "lead", "contactName", ENTERED, "briefed", true));
    complete(task(reference, "Task_RecordSetUpDiscussion"), Map.of("setUpDiscussionAt", "2027-05-24T09:30:00+01:00",
        "statutoryPartnersAttended", true, "annexARequestReceived", true, "concernsArrangementsAgreed", true,
        "setUpDiscussionNotes", ENTERED));
    Task annexA = task(reference, "Task_SubmitAnnexA");
    String rows = tasks.getVariable(annexA.getId(), "annexALists").toString()
        .replace("\"uploaded\":false", "\"uploaded\":true").replace("\"portalReference\":\"\"", "\"portalReference\":\"" + ENTERED + "\"");
    complete(annexA, Map.of("annexALists", SpinValues.jsonValue(rows).create()));
    moveClockTo("2027-05-28T17:00:01+01:00");
    fireDueTimers(reference);

    List<Map<String, Object>> mails = outbox(reference);
    assertThat(mails).extracting(row -> row.get("template")).contains("agency-notification", "task-overdue");
    for (Map<String, Object> row : mails) {
      String text = withoutLinks(row.get("subject") + "\n" + row.get("body"));
      assertThat(text).doesNotContain("7301234").doesNotContain("Jane Example").doesNotContainPattern("\\b\\d{5,}\\b");
    }
  }
}
