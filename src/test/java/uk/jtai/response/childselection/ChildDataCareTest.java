package uk.jtai.response.childselection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import uk.jtai.response.notify.OutboxSender;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import uk.jtai.response.purge.InspectionPurge;
import uk.jtai.response.support.ChildData;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * Child references never reach an e-mail, a log line or a process instance's name, and the purge removes
 * them from every table, runtime and history.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChildDataCareTest extends ProcessTestSupport {

  @Autowired InspectionPurge purge;
  @Autowired DataSource dataSource;
  private final ObjectMapper json = new ObjectMapper();

  /** The whole stage, on time for most and late for one agency, as LAIM, the agencies and the Business Unit. */
  private String runTheStage(List<String> twenty) throws Exception {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00");
    moveClockTo("2027-05-25T12:00:00+01:00");
    submitAnnexA(reference);
    moveClockTo("2027-05-26T10:00:00+01:00");
    complete(task(reference, "Task_RecordFirstSelection"), Map.of("firstSelectionEntry", ChildData.lines(twenty)));
    for (String agency : List.of("la", "police", "health", "education")) {
      Task task = agencyTask(reference, "Task_ReturnKnownToAgency", agency);
      JsonNode rows = json.readTree(forms.getTaskFormVariables(task.getId()).get("knownToAgencyAnswers").toString());
      rows.forEach(row -> ((ObjectNode) row).put("answer", "yes"));
      complete(task, Map.of("knownToAgencyAnswers", SpinValues.jsonValue(rows.toString()).create()));
    }
    moveClockTo("2027-05-26T12:00:01+01:00");
    fireDueTimers(reference);
    complete(task(reference, "Task_ForwardReturns"), Map.of("returnsSentToInspectors", true, "returnsSentAt", "2027-05-26T12:00:00+01:00"));
    complete(task(reference, "Task_RecordAuditSelection"), Map.of("auditSelectionEntry", ChildData.lines(twenty.subList(3, 9))));
    complete(task(reference, "Task_SendAuditTool"), Map.of("auditToolAvailable", true));
    return reference;
  }

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(uk.jtai.response.support.TestSmtp.setup());

  @Autowired OutboxSender sender;

  @Test
  void noChildReferenceIsInAnyEmailOrLogLineOfTheStage(CapturedOutput log) throws Exception {
    List<String> twenty = ChildData.references(21, 20);
    String reference = runTheStage(twenty);
    while (sender.sendDue() > 0) {
      // every e-mail of the stage goes out through the real SMTP server, logging as it does
    }
    assertThat(smtp.getReceivedMessages()).isNotEmpty();
    for (MimeMessage received : smtp.getReceivedMessages()) {
      String text = received.getSubject() + "\n" + received.getContent();
      assertThat(twenty).noneMatch(text::contains);
    }

    List<Map<String, Object>> mails = outbox(reference);
    assertThat(mails).extracting(row -> row.get("template"))
        .contains("agency-task", "task-overdue", "audit-tool-available");
    for (Map<String, Object> mail : mails) {
      assertThat(twenty).noneMatch(child -> ((String) mail.get("subject")).contains(child) || ((String) mail.get("body")).contains(child));
    }
    assertThat(log.getAll()).isNotEmpty();
    assertThat(twenty).noneMatch(child -> log.getAll().contains(child));
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).list())
        .allSatisfy(instance -> assertThat(instance.getBusinessKey()).isEqualTo(reference));
  }

  @Test
  void thePurgeLeavesNoChildReferenceInAnyTableRuntimeOrHistory() throws Exception {
    List<String> twenty = ChildData.references(22, 20);
    String reference = runTheStage(twenty);
    assertThat(ChildData.whereFound(dataSource, twenty)).as("the stage holds child data before the purge").isNotEmpty();

    purge.purge(reference, "test");

    assertThat(ChildData.whereFound(dataSource, twenty)).isEmpty();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(
        history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).processDefinitionKey("child-selection")
            .singleResult().getId()).activityId("Task_RecordAuditSelection").count())
        .as("the audit trail of who did what stays").isEqualTo(1);
    assertThat(jdbc.queryForObject("select purged_at from jtai_inspection where reference = ?", java.sql.Timestamp.class, reference))
        .isNotNull();
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).count()).isZero();
  }
}
