package uk.jtai.response.childselection.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.jtai.response.childselection.SelectedChildren;
import uk.jtai.response.support.ChildData;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.IdentityData;
import uk.jtai.response.support.Multipart;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TasklistSession;
import uk.jtai.response.support.TestUsers;

/**
 * LAIM records the inspectors' list on the product's page, opened from the first-selection task in the
 * Tasklist session; each agency then sees the 20 from its own known-to-agency sheet while it is open, and
 * the audited children from its own Audit Tool tasks; the DCS sees who looked, never the children. The
 * details are nowhere in the engine, its history or the log, and go when fieldwork ends.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChildIdentityPagesTest extends ProcessTestSupport {

  private static final String NOTIFIED = "2027-05-24T09:10:00+01:00";
  private static final String DAY_3 = "2027-05-26T10:00:00+01:00";
  private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired ChildIdentities identities;
  @Autowired SelectedChildren selected;
  @Autowired IdentityPurge identityPurge;
  @Autowired uk.jtai.response.purge.InspectionPurge inspectionPurge;
  private final ObjectMapper json = new ObjectMapper();

  private static LocalDate today() {
    return java.time.OffsetDateTime.parse(DAY_3).atZoneSameInstant(ZoneId.of("Europe/London")).toLocalDate();
  }

  private TasklistSession as(String user, String group) {
    TestUsers.ensure(engine.getIdentityService(), user, group);
    return TasklistSession.signIn(port, user, TestUsers.PASSWORD);
  }

  private static String token(HttpResponse<String> page) {
    Matcher m = TOKEN.matcher(page.body());
    assertThat(m.find()).as("the page's form token").isTrue();
    return m.group(1);
  }

  private int stored(String reference) {
    return jdbc.queryForObject("select count(*) from jtai_child_identity where reference = ?", Integer.class, reference);
  }

  @Test
  void laimRecordsTheListAndEachAgencySeesItFromItsOwnOpenSheetOnly(CapturedOutput log) throws Exception {
    String reference = newReference();
    startStage("child-selection", reference, "domestic-abuse", NOTIFIED, DAY_3);
    List<String> twenty = ChildData.references(731, 20);
    List<IdentityData.Row> rows = IdentityData.rows(731, twenty, today());
    List<String> secrets = IdentityData.secrets(rows);
    String page = "/inspections/" + reference + "/children";

    TasklistSession laim = as("id-laim", "laim");
    HttpResponse<String> form = laim.page(page + "/record");
    assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
    assertThat(form.body().split("OFFICIAL-SENSITIVE", -1)).as("marked at the top and bottom").hasSizeGreaterThanOrEqualTo(4);
    assertThat(form.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(form.headers().firstValue("X-Frame-Options")).hasValue("DENY");

    // Refused whole, naming the problem; nothing stored.
    HttpResponse<String> nineteen = laim.submit(page + "/record", new Multipart().text("token", token(form))
        .text("rows", IdentityData.pasted(rows.subList(0, 19))));
    assertThat(nineteen.statusCode()).isEqualTo(400);
    assertThat(nineteen.body()).contains("the inspectors select 20 children; the list has 19 rows");
    assertThat(stored(reference)).isZero();
    HttpResponse<String> forged = laim.submit(page + "/record", new Multipart().text("token", "from-another-site")
        .text("rows", IdentityData.pasted(rows)));
    assertThat(forged.statusCode()).as("a form not from the page").isEqualTo(403);
    assertThat(stored(reference)).isZero();

    // Uploaded as a CSV file.
    HttpResponse<String> again = laim.page(page + "/record");
    StringBuilder csv = new StringBuilder();
    rows.forEach(row -> csv.append(String.join(",", row.cells().stream().map(cell -> "\"" + cell + "\"").toList())).append("\n"));
    HttpResponse<String> recorded = laim.submit(page + "/record", new Multipart().text("token", token(again)).text("rows", "")
        .file("file", "selection.csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8)));
    assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(302);
    assertThat(recorded.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith(page));
    assertThat(stored(reference)).isEqualTo(20);

    // The task's references must be the same children.
    List<String> other = new ArrayList<>(twenty);
    other.set(19, ChildData.references(732, 1).get(0));
    Task first = task(reference, "Task_RecordFirstSelection");
    assertThat(forms.getTaskFormVariables(first.getId()).getValue("reference", String.class)).isEqualTo(reference);
    assertThatThrownBy(() -> tasks.complete(first.getId(), Map.of("firstSelectionEntry", ChildData.lines(other))))
        .hasMessageContaining("entry 20 is not one of the children whose identifying details were recorded");
    complete(first, Map.of("firstSelectionEntry", ChildData.lines(twenty)));
    // LAIM's forward opens when every agency has returned or when the returns are due: here, none has returned.
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(
        schedules.due(reference, "KNOWN_TO_AGENCY_DUE").orElseThrow().plusSeconds(60)));
    fireDueTimers(reference);

    // Recorded again from the forwarding task, the list must be the children of the first selection.
    List<IdentityData.Row> wrong = new ArrayList<>(rows);
    IdentityData.Row stranger = IdentityData.rows(732, List.of(other.get(19)), today()).get(0);
    wrong.set(19, stranger);
    HttpResponse<String> differing = laim.submit(page + "/record", new Multipart().text("token", token(laim.page(page + "/record")))
        .text("rows", IdentityData.pasted(wrong)));
    assertThat(differing.statusCode()).isEqualTo(400);
    assertThat(differing.body()).contains("row 20, MOSAIC number: is not one of the children recorded in the first selection task",
        "1 of the children recorded in the first selection task are not in the list");
    assertThat(identities.list(reference).get(19).fullName()).as("the list recorded stays").isEqualTo(rows.get(19).fullName());

    // The forms' links (/inspections/{{reference}}/children) have the reference to fill in, as Tasklist reads them.
    for (Task linked : List.of(task(reference, "Task_ForwardReturns"), agencyTask(reference, "Task_ReturnKnownToAgency", "police"))) {
      assertThat(forms.getTaskFormVariables(linked.getId()).getValue("reference", String.class)).isEqualTo(reference);
    }

    // Each agency of the theme, from its own open sheet.
    TasklistSession police = as("id-police", "police");
    TasklistSession health = as("id-health", "health");
    for (TasklistSession agency : List.of(police, health)) {
      HttpResponse<String> seen = agency.page(page);
      assertThat(seen.statusCode()).as(seen.body()).isEqualTo(200);
      assertThat(seen.body()).contains(rows.get(0).fullName(), rows.get(19).fullName(), rows.get(7).nhsNumber().substring(6),
          "OFFICIAL-SENSITIVE");
    }
    HttpResponse<String> download = police.page("/inspections/" + reference + "/children.csv?list=FIRST_SELECTION");
    assertThat(download.statusCode()).isEqualTo(200);
    String[] lines = download.body().replace("\uFEFF", "").split("\r\n");
    assertThat(lines[0]).isEqualTo("OFFICIAL-SENSITIVE");
    assertThat(lines[lines.length - 1]).isEqualTo("OFFICIAL-SENSITIVE");
    assertThat(lines).hasSize(23);
    assertThat(download.body()).contains(rows.get(3).fullName());
    assertThat(police.page("/inspections/" + reference + "/children.csv?list=AUDIT_SELECTION").statusCode()).isEqualTo(403);

    // Nobody else: another agency not asked, the DCS, the Independent Scrutineer, the Business Unit, anonymous.
    for (TasklistSession outsider : List.of(as("id-education", "education"), as("id-dcs", "dcs"),
        as("id-scrutineer", "independent-scrutineer"), as("id-bu", "business-unit"))) {
      HttpResponse<String> refused = outsider.page(page);
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(secrets).noneMatch(refused.body()::contains);
      assertThat(outsider.page("/inspections/" + reference + "/children.csv?list=FIRST_SELECTION").statusCode()).isEqualTo(403);
      assertThat(outsider.page(page + "/record").statusCode()).isEqualTo(403);
    }
    HttpResponse<String> anonymous = Http.anonymous(port).get(page);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    // A link opened without a Tasklist session: sent to Tasklist, not to the browser's password prompt.
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(anonymous.body()).contains("Sign in to Tasklist", "/camunda/app/tasklist/");
    assertThat(police.page(page + "/record").statusCode()).as("only LAIM records").isEqualTo(403);

    // A sheet done is a door closed.
    complete(agencyTask(reference, "Task_ReturnKnownToAgency", "police"), Map.of("knownToAgencyAnswers",
        org.camunda.spin.plugin.variable.SpinValues.jsonValue(answers(reference, "police")).create()));
    assertThat(police.page(page).statusCode()).isEqualTo(403);
    assertThat(health.page(page).statusCode()).isEqualTo(200);

    // The DCS sees who looked: names of users and counts, never the children.
    Http dcs = Http.as(port, "id-dcs", TestUsers.PASSWORD);
    HttpResponse<String> record = dcs.get("/api/inspections/" + reference + "/identity-access");
    assertThat(record.statusCode()).as(record.body()).isEqualTo(200);
    JsonNode answer = json.readTree(record.body());
    assertThat(answer.get("totals").get("VIEW").asInt()).isEqualTo(3);
    assertThat(answer.get("totals").get("DOWNLOAD").asInt()).isEqualTo(1);
    assertThat(answer.get("totals").get("RECORD").asInt()).isEqualTo(1);
    assertThat(answer.get("viewers").findValuesAsText("userId")).contains("id-laim", "id-police", "id-health");
    assertThat(answer.get("viewers").findValuesAsText("last")).as("when last, an ISO-8601 instant").isNotEmpty()
        .allMatch(last -> last.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z"));
    assertThat(secrets).noneMatch(record.body()::contains);
    assertThat(twenty).noneMatch(record.body()::contains);
    assertThat(Http.as(port, "id-police", TestUsers.PASSWORD).get("/api/inspections/" + reference + "/identity-access")
        .statusCode()).isEqualTo(403);

    // Nowhere in the engine, its history or any table in clear, nor in the log.
    assertThat(ChildData.whereFound(dataSource, secrets)).isEmpty();
    HttpResponse<String> variables = Http.as(port, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)
        .get("/engine-rest/history/variable-instance?deserializeValues=false");
    assertThat(variables.statusCode()).isEqualTo(200);
    assertThat(secrets).noneMatch(variables.body()::contains);
    assertThat(secrets).noneMatch(log.getAll()::contains);
  }

  @Test
  void eachAgencySeesTheChildOfEachOfItsOpenAuditToolTasksAndTheBusinessUnitTheSix() throws Exception {
    String reference = newReference();
    registerInspection(reference, "domestic-abuse", NOTIFIED);
    List<String> twenty = ChildData.references(733, 20);
    List<IdentityData.Row> rows = IdentityData.rows(733, twenty, today());
    selected.recordFirstSelection(reference, twenty);
    selected.recordAuditSelection(reference, twenty.subList(0, 6));
    identities.record(reference, children(rows), "test", java.time.Instant.now());
    startStage("case-audit", reference, "domestic-abuse", NOTIFIED);
    String page = "/inspections/" + reference + "/children";

    TasklistSession police = as("id-police-audit", "police");
    HttpResponse<String> seen = police.page(page);
    assertThat(seen.statusCode()).as(seen.body()).isEqualTo(200);
    for (int i = 0; i < 20; i++) {
      assertThat(seen.body().contains(rows.get(i).fullName())).as("child " + (i + 1)).isEqualTo(i < 6);
    }
    Task policeFirstChild = tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey("Task_CompleteAuditTool")
        .taskCandidateGroup("police").list().stream()
        .filter(t -> Integer.valueOf(1).equals(tasks.getVariable(t.getId(), "childNumber"))).findFirst().orElseThrow();
    assertThat(forms.getTaskFormVariables(policeFirstChild.getId()).getValue("reference", String.class)).isEqualTo(reference);
    // The task ends (here cancelled, as a reassignment would): its child is no longer shown to the police.
    String instance = java.util.Arrays.stream(runtime.getActivityInstance(policeFirstChild.getProcessInstanceId())
            .getActivityInstances("Task_CompleteAuditTool"))
        .filter(a -> java.util.Arrays.asList(a.getExecutionIds()).contains(policeFirstChild.getExecutionId()))
        .findFirst().orElseThrow().getId();
    runtime.createProcessInstanceModification(policeFirstChild.getProcessInstanceId()).cancelActivityInstance(instance)
        .execute(true, true);
    HttpResponse<String> afterOne = police.page(page);
    assertThat(afterOne.statusCode()).isEqualTo(200);
    long shown = rows.subList(0, 6).stream().filter(r -> afterOne.body().contains(r.fullName())).count();
    assertThat(shown).as("one audit task fewer, one child fewer").isEqualTo(5);

    TasklistSession bu = as("id-bu-audit", "business-unit");
    HttpResponse<String> pack = bu.page(page);
    assertThat(pack.statusCode()).isEqualTo(200);
    assertThat(rows.subList(0, 6)).allMatch(r -> pack.body().contains(r.fullName()));
    assertThat(rows.subList(6, 20)).noneMatch(r -> pack.body().contains(r.fullName()));
    assertThat(as("id-education-audit", "education").page(page).statusCode()).isEqualTo(403);
    assertThat(as("id-laim-audit", "laim").page(page).statusCode()).as("LAIM has no task here now").isEqualTo(403);
  }

  @Test
  void theDetailsGoWhenFieldworkEndsAndWithTheInspectionAndAScanFindsNone(CapturedOutput log) throws Exception {
    String early = newReference();
    String closed = newReference();
    List<String> secrets = new ArrayList<>();
    for (String reference : List.of(early, closed)) {
      registerInspection(reference, "domestic-abuse", NOTIFIED);
      List<IdentityData.Row> rows = IdentityData.rows(734 + secrets.size(), ChildData.references(734 + secrets.size(), 20), today());
      identities.record(reference, children(rows), "test", java.time.Instant.now());
      secrets.addAll(IdentityData.secrets(rows));
    }
    java.time.Instant findings = jdbc.queryForObject("select due from jtai_milestone where reference = ? and name = 'FINDINGS'",
        java.time.OffsetDateTime.class, early).toInstant();

    assertThat(identityPurge.purgeDue(findings.minusSeconds(1))).doesNotContain(early, closed);
    assertThat(stored(early)).isEqualTo(20);
    assertThat(identityPurge.purgeDue(findings)).contains(early, closed);
    assertThat(stored(early)).isZero();
    assertThat(identities.list(early)).isEmpty();
    assertThat(log.getAll()).contains("Identifying details of 20 children of " + early + " deleted: FINDINGS has passed");

    String withTheRest = newReference();
    startStage("child-selection", withTheRest, "domestic-abuse", NOTIFIED, DAY_3);
    List<IdentityData.Row> rows = IdentityData.rows(736, ChildData.references(736, 20), today());
    identities.record(withTheRest, children(rows), "test", java.time.Instant.now());
    secrets.addAll(IdentityData.secrets(rows));
    inspectionPurge.purge(withTheRest, "test");
    assertThat(stored(withTheRest)).isZero();
    assertThat(ChildData.whereFound(dataSource, secrets)).isEmpty();
    assertThat(secrets).noneMatch(log.getAll()::contains);
  }

  @Test
  void rowsUnderAnOldKeyAreReencryptedUnderTheCurrentOne() {
    String reference = newReference();
    registerInspection(reference, "domestic-abuse", NOTIFIED);
    IdentityCipher old = new IdentityCipher(new IdentityProperties("7c3xkUe7wQm1G0lC2yXjv1nY6fS9pR4dA8bE5hT2kLo=", "test-1",
        Map.of(), "FINDINGS", java.time.Duration.ofMinutes(10)));
    List<ChildIdentity> children = children(IdentityData.rows(737, ChildData.references(737, 20), today()));
    new ChildIdentities(org.springframework.jdbc.core.simple.JdbcClient.create(dataSource), old).record(reference, children, "test", java.time.Instant.now());
    assertThat(jdbc.queryForList("select distinct key_id from jtai_child_identity where reference = ?", String.class, reference))
        .containsExactly("test-1");

    assertThat(identities.list(reference)).as("the old key is listed: still read").isEqualTo(children);
    assertThat(identities.reencrypt()).isGreaterThanOrEqualTo(20);
    assertThat(jdbc.queryForList("select distinct key_id from jtai_child_identity where reference = ?", String.class, reference))
        .containsExactly("test-2");
    assertThat(identities.list(reference)).isEqualTo(children);
  }

  private static List<ChildIdentity> children(List<IdentityData.Row> rows) {
    return rows.stream().map(r -> new ChildIdentity(r.reference(), r.fullName(), r.dateOfBirth(), r.nhsNumber(), r.postcode(),
        r.address())).toList();
  }

  /** The police sheet's rows as offered, each answered No. */
  private String answers(String reference, String agency) throws Exception {
    Task sheet = agencyTask(reference, "Task_ReturnKnownToAgency", agency);
    JsonNode rows = json.readTree(forms.getTaskFormVariables(sheet.getId()).get("knownToAgencyAnswers").toString());
    rows.forEach(row -> ((com.fasterxml.jackson.databind.node.ObjectNode) row).put("answer", "no"));
    return rows.toString();
  }
}
