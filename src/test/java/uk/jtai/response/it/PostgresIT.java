package uk.jtai.response.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import uk.jtai.response.JtaiResponseApplication;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.PackagedJar;
import uk.jtai.response.support.PostgresDatabase;
import uk.jtai.response.support.TestUsers;

/**
 * The service on real PostgreSQL with the postgres profile and the same variables docker-compose.yml
 * sets, a real SMTP server, the job executor and the outbox poller running: it starts, deploys, runs
 * week 1 (days 1 to 5) over HTTP as the people who do them (an escalation included); then the service restarts
 * as the packaged jar on the same database and creates no new process-definition version. (The restart is the
 * jar's alone: a second start from the classes proved nothing more and cost a third start of the service.)
 */
class PostgresIT {

  static final String REFERENCE = "JTAI-2027-05-YORK";
  /** Meets the password policy, as a production administrator password must. */
  static final String ADMIN_PASSWORD = "Granite-Ferry-58!";
  /** The key of the children's identifying details: required outside the demo (docs/security.md). */
  static final String IDENTITY_KEY = uk.jtai.response.childselection.identity.IdentityCipher.newKey();
  static PostgresDatabase database;
  static GreenMail smtp;
  final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void infrastructure() {
    database = PostgresDatabase.fresh(System.getenv().getOrDefault("JTAI_TEST_DB", "jtai_it"));
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
    ClockUtil.reset();
  }

  /** The docker-compose.yml variables, pointed at the test's database and mail server. */
  static List<String> environment() {
    return List.of("JTAI_DB_URL=" + database.url(), "JTAI_DB_USER=" + database.user(),
        "JTAI_DB_PASSWORD=" + database.password(), "JTAI_SMTP_HOST=127.0.0.1",
        "JTAI_SMTP_PORT=" + smtp.getSmtp().getPort(), "JTAI_ADMIN_USER=it-admin", "JTAI_ADMIN_PASSWORD=" + ADMIN_PASSWORD,
        "JTAI_PUBLIC_URL=https://jtai.example", "JTAI_IDENTITY_KEY=" + IDENTITY_KEY);
  }

  static ConfigurableApplicationContext startFromClasses() {
    List<String> args = new ArrayList<>();
    environment().forEach(variable -> args.add("--" + variable));
    args.addAll(List.of("--server.port=0", "--jtai.mail.poll-interval=PT1S"));
    return new SpringApplicationBuilder(JtaiResponseApplication.class).profiles("postgres").run(args.toArray(String[]::new));
  }

  /** How many files the top-level folder holds with the ending (each model is one process definition). */
  static long filesIn(String folder, String ending) throws java.io.IOException {
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of(folder))) {
      return files.filter(file -> file.toString().endsWith(ending)).count();
    }
  }

  static long definitions() {
    return database.count("select count(*) from act_re_procdef");
  }

  static long deployments() {
    return database.count("select count(*) from act_re_deployment");
  }

  /** A test of a restart, run alone, first starts the service once itself: the database then holds the deployment. */
  static void deployedOnce() {
    if (database.count("select count(*) from information_schema.tables where table_name = 'act_re_deployment'") == 0
        || deployments() == 0) {
      startFromClasses().close();
    }
    assertThat(deployments()).isEqualTo(1);
  }

  @Test
  void theServiceStartsOnPostgresDeploysAndRunsWeekOne() throws Exception {
    try (ConfigurableApplicationContext app = startFromClasses()) {
      assertThat(definitions()).as("one definition per model").isEqualTo(filesIn("bpmn", ".bpmn"));
      assertThat(deployments()).isEqualTo(1);
      assertThat(database.count("select count(*) from act_ge_bytearray b join act_re_deployment d on b.deployment_id_ = d.id_ "
          + "where b.name_ like 'forms/%.form'")).isEqualTo(filesIn("forms", ".form"));

      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      IdentityService identity = app.getBean(org.camunda.bpm.engine.ProcessEngine.class).getIdentityService();
      TestUsers.ensure(identity, "it-bu", "business-unit");
      TestUsers.ensure(identity, "it-dcs", "dcs");
      TestUsers.ensure(identity, "it-laim", "laim");
      for (String agency : List.of("la", "police", "health", "probation", "education")) {
        TestUsers.ensure(identity, "it-" + agency, agency);
      }
      ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-05-24T08:10:00Z")));

      Http bu = Http.as(port, "it-bu", TestUsers.PASSWORD);
      HttpResponse<String> created = bu.post("/api/inspections",
          "{\"reference\":\"" + REFERENCE + "\",\"theme\":\"domestic-abuse\",\"notifiedAt\":\"2027-05-24T09:10:00+01:00\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

      complete(bu, "Task_NotifyPartners", Map.of("contactsCurrent", true));
      await().atMost(Duration.ofSeconds(30)).until(() -> subjects().stream().filter(s -> s.contains("confirm your lead contact")).count() == 10);

      for (String agency : List.of("la", "police", "health", "education")) {
        complete(Http.as(port, "it-" + agency, TestUsers.PASSWORD), "Task_ConfirmLeadContact",
            Map.of("confirmedContact", "lead", "contactName", "Lead of " + agency, "briefed", true));
      }
      // Probation has not confirmed at 17:00: the job executor fires the timer, the poller sends the e-mail.
      ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-05-24T16:00:30Z")));
      // The job executor, idle, looks for due jobs again only after its back-off (up to a minute): a moved clock
      // makes jobs due without telling it, so it is told, as the engine tells it of a job it creates.
      ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) app.getBean(org.camunda.bpm.engine.ProcessEngine.class)
          .getProcessEngineConfiguration()).getJobExecutor().jobWasAdded();
      await().atMost(Duration.ofSeconds(60)).until(() -> subjects().stream().anyMatch(s -> s.contains("deadline missed")
          && s.contains("(Probation)")));
      // The reminders (two hours before) named Probation too: this is the escalation at the deadline.
      MimeMessage escalation = received().stream()
          .filter(m -> subject(m).contains("deadline missed") && subject(m).contains("(Probation)")).findFirst().orElseThrow();
      assertThat(escalation.getAllRecipients()).extracting(Object::toString)
          .containsExactlyInAnyOrder("probation.deputy@york.example", "cyscp@york.gov.uk");

      Http probation = Http.as(port, "it-probation", TestUsers.PASSWORD);
      complete(probation, "Task_ConfirmLeadContact", Map.of("confirmedContact", "deputy", "contactName", "Deputy", "contactEmail", "stand-in.deputy@agency.example", "briefed", true));
      complete(Http.as(port, "it-dcs", TestUsers.PASSWORD), "Task_ConfirmScrutineerNotified",
          Map.of("scrutineerNotified", true, "scrutineerNotifiedHow", "telephone", "scrutineerNotifiedAt", "2027-05-24T09:30:00+01:00"));
      complete(Http.as(port, "it-laim", TestUsers.PASSWORD), "Task_RecordSetUpDiscussion",
          Map.of("setUpDiscussionAt", "2027-05-24T14:00:00+01:00", "statutoryPartnersAttended", true,
              "annexARequestReceived", true, "concernsArrangementsAgreed", true));

      Http la = Http.as(port, "it-la", TestUsers.PASSWORD);
      String annexATask = taskId(la, "Task_SubmitAnnexA");
      JsonNode value = json.readTree(la.get("/engine-rest/task/" + annexATask + "/variables/annexALists?deserializeValue=false").body()).get("value");
      JsonNode rows = value.isTextual() ? json.readTree(value.asText()) : value;
      assertThat(rows).hasSize(6);
      for (JsonNode row : rows) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) row).put("uploaded", true).put("portalReference", "Portal/" + row.get("id").asText());
      }
      HttpResponse<String> submitted = la.post("/engine-rest/task/" + annexATask + "/submit-form",
          "{\"variables\":{\"annexALists\":{\"type\":\"Json\",\"value\":" + json.writeValueAsString(rows.toString()) + "}}}");
      assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(204);

      for (String agency : List.of("la", "police", "health", "probation", "education")) {
        complete(Http.as(port, "it-" + agency, TestUsers.PASSWORD), "Task_GiveFieldworkMeetings",
            Map.of("noMeetings", true, "sentToLeadInspector", true));
      }

      // Days 3 to 5: the 20, every agency's Yes/No sheet (as Tasklist submits it), the 6, the audit tool.
      ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-05-26T09:00:00Z")));
      Http laim = Http.as(port, "it-laim", TestUsers.PASSWORD);
      List<String> twenty = uk.jtai.response.support.ChildData.references(90, 20);
      complete(laim, "Task_RecordFirstSelection", Map.of("firstSelectionEntry", String.join("\n", twenty)));
      // The domestic abuse theme's case-audit agencies (guidance 6.1): schools are seen by the schools HMI.
      for (String agency : List.of("la", "police", "health", "probation")) {
        Http user = Http.as(port, "it-" + agency, TestUsers.PASSWORD);
        String id = taskId(user, "Task_ReturnKnownToAgency");
        JsonNode sheet = json.readTree(json.readTree(user.get("/engine-rest/task/" + id
            + "/form-variables?variableNames=knownToAgencyAnswers&deserializeValues=false").body())
            .get("knownToAgencyAnswers").get("value").asText());
        sheet.forEach(row -> ((com.fasterxml.jackson.databind.node.ObjectNode) row).put("answer", "no"));
        HttpResponse<String> answered = user.post("/engine-rest/task/" + id + "/submit-form",
            "{\"variables\":{\"knownToAgencyAnswers\":{\"type\":\"Json\",\"value\":" + json.writeValueAsString(sheet.toString()) + "}}}");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(204);
      }
      // LAIM's forward opens once every agency has returned (the last return's step runs in the background).
      await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(AssertionError.class).until(() -> {
        String view = laim.get("/engine-rest/task/" + taskId(laim, "Task_ForwardReturns")
            + "/form-variables?variableNames=knownToAgencyReturns&deserializeValues=false").body();
        return !view.contains("Not returned");
      });
      HttpResponse<String> sheet = laim.get("/api/inspections/" + REFERENCE + "/known-to-agency.csv");
      assertThat(sheet.statusCode()).isEqualTo(200);
      assertThat(sheet.body().lines()).hasSize(21);
      complete(laim, "Task_ForwardReturns", Map.of("returnsSentToInspectors", true, "returnsSentAt", "2027-05-26T10:00:00+01:00"));
      complete(laim, "Task_RecordAuditSelection", Map.of("auditSelectionEntry", String.join("\n", twenty.subList(0, 6))));
      complete(bu, "Task_SendAuditTool", Map.of("auditToolAvailable", true));
      await().atMost(Duration.ofSeconds(30)).until(() -> subjects().stream().filter(s -> s.contains("Audit Tool")).count() == 8); // the 4 case-audit agencies, lead and deputy

      // Week 1's four stages have ended; week 2's have begun.
      await().atMost(Duration.ofSeconds(30)).until(() -> database.count(
          "select count(*) from act_hi_procinst where business_key_ = '" + REFERENCE + "' and end_time_ is not null") == 4);
      assertThat(database.count("select count(*) from act_ru_execution e join act_re_procdef d on e.proc_def_id_ = d.id_ "
          + "where e.business_key_ = '" + REFERENCE + "' and e.parent_id_ is null and d.key_ in ('case-audit', 'audit-day-and-report', 'fieldwork')"))
          .isEqualTo(3);
      assertThat(received()).allSatisfy(message -> assertThat(twenty).noneMatch(child -> {
        try {
          return (message.getSubject() + message.getContent()).contains(child);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
      await().atMost(Duration.ofSeconds(30)).until(() -> database.count(
          "select count(*) from jtai_outbox where status <> 'SENT'") == 0);
    } finally {
      ClockUtil.reset();
    }
  }

  @Test
  void restartedAsThePackagedJarOnTheSameDatabaseItCreatesNoNewVersions() throws Exception {
    deployedOnce();
    assertThat(PackagedJar.path()).exists();
    int port = freePort();
    ProcessBuilder builder = new ProcessBuilder(PackagedJar.command(List.of(), "--server.port=" + port))
        .redirectErrorStream(true).redirectOutput(new File("target/packaged-jar-it.log"));
    builder.environment().put("SPRING_PROFILES_ACTIVE", "postgres");
    for (String variable : environment()) {
      String[] pair = variable.split("=", 2);
      builder.environment().put(pair[0], pair[1]);
    }
    Process service = builder.start();
    try {
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
          .ignoreExceptionsInstanceOf(java.io.UncheckedIOException.class).until(() -> {
        assertThat(service.isAlive()).as("the packaged service is running (see target/packaged-jar-it.log)").isTrue();
        return Http.anonymous(port).get("/actuator/health").statusCode() == 200;
      });
      assertThat(definitions()).isEqualTo(filesIn("bpmn", ".bpmn"));
      assertThat(deployments()).isEqualTo(1);
      assertThat(Http.anonymous(port).get("/engine-rest/process-definition").statusCode()).isEqualTo(401);
      assertThat(Http.as(port, "it-admin", ADMIN_PASSWORD).get("/engine-rest/process-definition/key/jtai-inspection")
          .statusCode()).isEqualTo(200);
    } finally {
      service.destroy();
      if (!service.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        service.destroyForcibly();
      }
    }
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private List<MimeMessage> received() {
    return List.of(smtp.getReceivedMessages());
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> subjects() {
    return received().stream().map(PostgresIT::subject).toList();
  }

  private String taskId(Http user, String taskKey) throws IOException {
    JsonNode list = json.readTree(user.get("/engine-rest/task?processInstanceBusinessKey=" + REFERENCE
        + "&taskDefinitionKey=" + taskKey).body());
    assertThat(list).as(taskKey).hasSize(1);
    return list.get(0).get("id").asText();
  }

  private void complete(Http user, String taskKey, Map<String, Object> variables) throws IOException {
    Map<String, Object> typed = new java.util.LinkedHashMap<>();
    variables.forEach((name, value) -> typed.put(name, Map.of("value", value)));
    String body = json.writeValueAsString(Map.of("variables", typed));
    String id = taskId(user, taskKey);
    HttpResponse<String> response = user.post("/engine-rest/task/" + id + "/complete", body);
    assertThat(response.statusCode()).as(taskKey + ": " + response.body()).isEqualTo(204);
  }
}
