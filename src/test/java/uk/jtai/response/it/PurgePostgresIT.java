package uk.jtai.response.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import uk.jtai.response.JtaiResponseApplication;
import uk.jtai.response.support.ChildData;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.IdentityData;
import uk.jtai.response.support.Multipart;
import uk.jtai.response.support.PostgresDatabase;
import uk.jtai.response.support.TasklistSession;
import uk.jtai.response.support.TestUsers;

/**
 * The purge on real PostgreSQL (where comments' full messages and byte arrays are {@code bytea}), as in
 * production: the service with the postgres profile on a database of its own, the job executor and the
 * sweeper running on their schedule (every second here). An inspection holds children in its variables,
 * in LAIM's Tasklist comment (corrected) and attachment, and in an agency's sheet; an administrator then
 * deletes it in Cockpit, which ends it; the sweeper purges it, and a scan of every table of the database,
 * and the log, finds none of its children.
 */
@ExtendWith(OutputCaptureExtension.class)
class PurgePostgresIT {

  static final String REFERENCE = "JTAI-2027-05-PURGE";
  static final String ADMIN = "purge-admin";
  static final String ADMIN_PASSWORD = "Heron-Quay-2027!";
  final ObjectMapper json = new ObjectMapper();

  @Test
  void theSweeperLeavesNoChildOfAnEndedInspectionInAnyTableOrLogLine(CapturedOutput log) throws Exception {
    PostgresDatabase database = PostgresDatabase.fresh(System.getenv().getOrDefault("JTAI_TEST_DB", "jtai_it") + "_purge");
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-05-24T08:10:00Z")));
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(JtaiResponseApplication.class).profiles("postgres").run(
        "--JTAI_DB_URL=" + database.url(), "--JTAI_DB_USER=" + database.user(), "--JTAI_DB_PASSWORD=" + database.password(),
        "--JTAI_ADMIN_USER=" + ADMIN, "--JTAI_ADMIN_PASSWORD=" + ADMIN_PASSWORD, "--server.port=0",
        "--jtai.mail.sender.enabled=false", "--jtai.purge.interval=PT1S",
        "--JTAI_IDENTITY_KEY=" + uk.jtai.response.childselection.identity.IdentityCipher.newKey())) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      IdentityService identity = app.getBean(ProcessEngine.class).getIdentityService();
      TestUsers.ensure(identity, "purge-bu", "business-unit");
      TestUsers.ensure(identity, "purge-laim", "laim");
      TestUsers.ensure(identity, "purge-la", "la");
      TestUsers.ensure(identity, "purge-police", "police");
      List<String> twenty = ChildData.references(95, 20);

      Http bu = Http.as(port, "purge-bu", TestUsers.PASSWORD);
      HttpResponse<String> created = bu.post("/api/inspections",
          "{\"reference\":\"" + REFERENCE + "\",\"theme\":\"domestic-abuse\",\"notifiedAt\":\"2027-05-24T09:10:00+01:00\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      Http la = Http.as(port, "purge-la", TestUsers.PASSWORD);
      String annexA = taskId(la, "Task_SubmitAnnexA");
      JsonNode lists = value(la, annexA, "annexALists");
      lists.forEach(row -> ((ObjectNode) row).put("uploaded", true).put("portalReference", "Portal"));
      submit(la, annexA, "annexALists", lists);

      // LAIM, signed in to Tasklist: notes a child on the first selection, corrects it, attaches the list.
      TasklistSession laim = TasklistSession.signIn(port, "purge-laim", TestUsers.PASSWORD);
      Http laimRest = Http.as(port, "purge-laim", TestUsers.PASSWORD);
      String first = taskId(laimRest, "Task_RecordFirstSelection");
      HttpResponse<String> comment = laim.post("/task/" + first + "/comment/create",
          "{\"message\":\"Inspectors asked about " + twenty.get(0) + "\"}");
      assertThat(comment.statusCode()).as(comment.body()).isEqualTo(200);
      HttpResponse<String> corrected = laimRest.put("/engine-rest/task/" + first + "/comment", "{\"id\":\""
          + json.readTree(comment.body()).get("id").asText() + "\",\"message\":\"Inspectors asked about " + twenty.get(1) + "\"}");
      assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(204);
      HttpResponse<String> attached = laim.post("/task/" + first + "/attachment/create", new Multipart()
          .text("attachment-name", "Selection " + twenty.get(2)).text("attachment-type", "text/plain")
          .file("content", "selection.txt", "text/plain", ChildData.lines(twenty).getBytes(StandardCharsets.UTF_8)));
      assertThat(attached.statusCode()).as(attached.body()).isEqualTo(200);
      // And records the inspectors' list of names, dates of birth and NHS numbers on the page the task links to.
      List<IdentityData.Row> identified = IdentityData.rows(95, twenty, java.time.LocalDate.of(2027, 5, 24));
      List<String> secrets = IdentityData.secrets(identified);
      HttpResponse<String> page = laim.page("/inspections/" + REFERENCE + "/children/record");
      java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(page.body());
      assertThat(token.find()).as(page.body()).isTrue();
      HttpResponse<String> recorded = laim.submit("/inspections/" + REFERENCE + "/children/record",
          new Multipart().text("token", token.group(1)).text("rows", IdentityData.pasted(identified)));
      assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(302);
      submit(laimRest, first, "firstSelectionEntry", json.getNodeFactory().textNode(ChildData.lines(twenty)));

      Http police = Http.as(port, "purge-police", TestUsers.PASSWORD);
      String sheet = await().atMost(Duration.ofSeconds(30)).until(() -> taskIdOrNull(police, "Task_ReturnKnownToAgency"), id -> id != null);
      JsonNode answers = value(police, sheet, "knownToAgencyAnswers");
      answers.forEach(row -> ((ObjectNode) row).put("answer", "yes"));
      submit(police, sheet, "knownToAgencyAnswers", answers);

      DataSource dataSource = app.getBean(DataSource.class);
      assertThat(database.count("select count(*) from jtai_child_identity where reference = '" + REFERENCE + "'")).isEqualTo(20);
      assertThat(ChildData.whereFound(dataSource, secrets)).as("the identifying details are held encrypted only").isEmpty();
      assertThat(ChildData.whereFound(dataSource, twenty)).extracting(where -> where.replace("\"", "").toLowerCase())
          .as("the inspection holds children in comments, attachments and their bytes")
          .contains("public.act_hi_comment.full_msg_", "public.act_hi_attachment.name_", "public.act_ge_bytearray.bytes_",
              "public.act_hi_op_log.org_value_");

      // An administrator deletes the inspection in Cockpit: it has ended, and the sweeper takes it from there.
      Http admin = Http.as(port, ADMIN, ADMIN_PASSWORD);
      JsonNode main = json.readTree(admin.get("/engine-rest/process-instance?businessKey=" + REFERENCE
          + "&processDefinitionKey=jtai-inspection").body());
      assertThat(main).hasSize(1);
      assertThat(admin.delete("/engine-rest/process-instance/" + main.get(0).get("id").asText()).statusCode()).isEqualTo(204);
      await().atMost(Duration.ofSeconds(60)).until(() -> database.count(
          "select count(*) from jtai_inspection where reference = '" + REFERENCE + "' and purged_at is not null") == 1);

      assertThat(ChildData.whereFound(dataSource, twenty)).as("no table or column holds a child of the inspection").isEmpty();
      assertThat(log.getAll()).contains("Child-level data of inspection " + REFERENCE + " purged (inspection closed)");
      assertThat(twenty).noneMatch(child -> log.getAll().contains(child));
      assertThat(database.count("select count(*) from jtai_child_identity where reference = '" + REFERENCE + "'")).isZero();
      assertThat(ChildData.whereFound(dataSource, secrets)).isEmpty();
      assertThat(secrets).noneMatch(log.getAll()::contains);
      assertThat(database.count("select count(*) from act_hi_taskinst t join act_hi_procinst p on t.proc_inst_id_ = p.id_ "
          + "where p.business_key_ = '" + REFERENCE + "' and t.task_def_key_ = 'Task_RecordFirstSelection' "
          + "and t.end_time_ is not null")).as("the audit trail stays").isEqualTo(1);
    } finally {
      ClockUtil.reset();
    }
  }

  private String taskIdOrNull(Http user, String taskKey) throws IOException {
    JsonNode list = json.readTree(user.get("/engine-rest/task?processInstanceBusinessKey=" + REFERENCE
        + "&taskDefinitionKey=" + taskKey).body());
    return list.isEmpty() ? null : list.get(0).get("id").asText();
  }

  private String taskId(Http user, String taskKey) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> taskIdOrNull(user, taskKey), id -> id != null);
  }

  /** A Json (or String) variable of the task as Tasklist reads it. */
  private JsonNode value(Http user, String task, String variable) throws IOException {
    JsonNode value = json.readTree(user.get("/engine-rest/task/" + task + "/form-variables?variableNames=" + variable
        + "&deserializeValues=false").body()).get(variable).get("value");
    return value.isTextual() ? json.readTree(value.asText()) : value;
  }

  /** Submits the task's form as Tasklist does: a Json value for a list, a String for text. */
  private void submit(Http user, String task, String variable, JsonNode value) throws IOException {
    String typed = value.isTextual()
        ? "{\"type\":\"String\",\"value\":" + json.writeValueAsString(value.asText()) + "}"
        : "{\"type\":\"Json\",\"value\":" + json.writeValueAsString(value.toString()) + "}";
    HttpResponse<String> response = user.post("/engine-rest/task/" + task + "/submit-form", "{\"variables\":{\"" + variable + "\":" + typed + "}}");
    assertThat(response.statusCode()).as(variable + ": " + response.body()).isEqualTo(204);
  }
}
