package uk.jtai.response.board;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.childselection.SelectedChildren;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.support.AsDemoUsers;
import uk.jtai.response.support.ChildData;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestUsers;

/**
 * {@code GET /api/inspections/{reference}/board} (issue 18, the board's data) on an inspection on day 2: each cell
 * state from the task history (done on time, done late by how long, due today, open, not yet open, not required),
 * and who may see which rows.
 */
class BoardApiTest extends ProcessTestSupport {

  static final String NOTIFIED = "2027-05-24T09:10:00+01:00";

  @LocalServerPort int port;
  @Autowired Partnership partnership;
  @Autowired WorkingCalendar calendar;
  @Autowired SelectedChildren selected;
  @Autowired InspectionTimeline timeline;
  @Autowired Debrief debrief;
  @Autowired InspectionBoard inspectionBoard;
  @Autowired ScheduleRepository schedules;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void demoUsers() {
    new AsDemoUsers(engine, partnership);
  }

  @Test
  void eachAgencysStepsOnDay2AndWhoSeesWhichRows() throws Exception {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", NOTIFIED);
    moveClockTo("2027-05-24T10:00:00+01:00");
    complete(task(reference, "Task_NotifyPartners"), Map.of("contactsCurrent", true));
    moveClockTo("2027-05-24T11:00:00+01:00");
    for (Task confirm : openTasks(reference, "Task_ConfirmLeadContact")) {
      if (!tasks.getIdentityLinksForTask(confirm.getId()).get(0).getGroupId().equals("police")) {
        complete(confirm, Map.of("confirmedContact", "lead", "contactName", "Lead", "briefed", true));
      }
    }
    // Education has no fieldwork-week meetings: the Business Unit takes it out of that stage.
    HttpResponse<String> takenOut = Http.as(port, "bu", TestUsers.PASSWORD).post(
        "/engine-rest/process-definition/key/take-agency-out/submit-form", "{\"variables\":{\"inspectionReference\":{\"value\":\""
            + reference + "\"},\"stage\":{\"value\":\"fieldwork-meetings\"},\"agency\":{\"value\":\"education\"},"
            + "\"withdrawalReason\":{\"value\":\"Education has no multi-agency meetings in the fieldwork week\"}}}");
    assertThat(takenOut.statusCode()).as(takenOut.body()).isLessThan(300);
    // Day 2, 10:00: the Police confirm their lead contact, due at 17:00 yesterday.
    moveClockTo("2027-05-25T10:00:00+01:00");
    complete(agencyTask(reference, "Task_ConfirmLeadContact", "police"), Map.of("confirmedContact", "lead", "contactName", "Lead",
        "briefed", true));

    JsonNode board = board("bu", reference);
    assertThat(board.get("today").asInt()).isEqualTo(2);
    assertThat(board.at("/nextDeadline/name").asText()).as("the next deadline").isEqualTo("ANNEX_A_DUE");
    List<String> steps = new ArrayList<>();
    board.get("columns").forEach(column -> steps.add(column.get("step").asText()));
    assertThat(steps.get(0)).as("in the order they fall due").isEqualTo("Task_NotifyPartners");
    assertThat(steps).containsSubsequence("Task_ConfirmLeadContact", "Task_SubmitAnnexA", "Task_GiveFieldworkMeetings",
        "Task_ApproveEvidence");
    assertThat(column(board, "Task_SubmitAnnexA").get("dueDay").asInt()).isEqualTo(2);
    assertThat(column(board, "Task_SubmitAnnexA").get("atNextDeadline").asBoolean()).as("Annex A: the next deadline").isTrue();
    assertThat(column(board, "Task_ConfirmLeadContact").get("atNextDeadline").asBoolean()).isFalse();
    assertThat(column(board, "Task_ConfirmLeadContact").get("name").asText())
        .as("the step, without agency, inspection or day").isEqualTo("Confirm your lead contact is available and briefed");
    List<String> rows = new ArrayList<>();
    board.get("rows").forEach(row -> rows.add(row.get("agency").asText()));
    assertThat(rows).containsExactly("la", "police", "health", "probation", "education", InspectionBoard.PARTNERSHIP_ROW);

    assertThat(cell(board, InspectionBoard.PARTNERSHIP_ROW, "Task_NotifyPartners").get("state").asText()).isEqualTo("DONE_ON_TIME");
    assertThat(cell(board, "la", "Task_ConfirmLeadContact").get("state").asText()).isEqualTo("DONE_ON_TIME");
    JsonNode late = cell(board, "police", "Task_ConfirmLeadContact");
    assertThat(late.get("state").asText()).isEqualTo("DONE_LATE");
    assertThat(late.get("lateByWorkingMinutes").asLong()).as("17:00 on day 1 to 10:00 on day 2, in working time")
        .isEqualTo(calendar.workingTimeBetween(instant("2027-05-24T17:00:00+01:00"), instant("2027-05-25T10:00:00+01:00")).toMinutes())
        .isPositive();
    assertThat(cell(board, "la", "Task_SubmitAnnexA").get("state").asText()).isEqualTo("DUE_TODAY");
    assertThat(cell(board, "police", "Task_SubmitAnnexA").get("state").asText()).as("not the Police's step").isEqualTo("NOT_YET_OPEN");
    assertThat(cell(board, "police", "Task_ApproveEvidence").get("state").asText()).isEqualTo("OPEN");
    assertThat(cell(board, "education", "Task_GiveFieldworkMeetings").get("state").asText()).as("taken out").isEqualTo("NOT_REQUIRED");
    assertThat(cell(board, "health", "Task_GiveFieldworkMeetings").get("state").asText()).isEqualTo("OPEN");

    // Day 6: the fieldwork-week meetings are overdue for those that have not given them.
    moveClockTo("2027-06-01T10:00:00+01:00");
    assertThat(cell(board("laim", reference), "health", "Task_GiveFieldworkMeetings").get("state").asText()).isEqualTo("OVERDUE");
    assertThat(board.toString()).as("steps and times only: no child, no answer").doesNotContain("knownToAgency", "childName");

    // The timeline on day 6: the agencies' confirmations were due at 17:00 on day 1 and the Police were late; Annex A,
    // due on day 2, is still open.
    Map<String, InspectionTimeline.State> marks = new java.util.HashMap<>();
    InspectionSchedule schedule = schedules.find(reference).orElseThrow();
    timeline.marks(schedule, inspectionBoard.of(schedule, null))
        .forEach(mark -> marks.put(mark.milestone().name(), mark.state()));
    assertThat(marks).containsEntry("AGENCIES_CONFIRMED_DUE", InspectionTimeline.State.MISSED)
        .containsEntry("ANNEX_A_DUE", InspectionTimeline.State.MISSED);
    assertThat(marks.values()).as("day 6: what is still to come, and the partners notified on time")
        .contains(InspectionTimeline.State.TO_COME, InspectionTimeline.State.MET);
    HttpResponse<String> svg = Http.as(port, "bu", TestUsers.PASSWORD).get("/inspections/" + reference + "/timeline.svg");
    assertThat(svg.statusCode()).isEqualTo(200);
    assertThat(svg.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
    org.w3c.dom.Document picture = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new org.xml.sax.InputSource(new java.io.StringReader(svg.body())));
    assertThat(picture.getDocumentElement().getTagName()).as("a well-formed SVG document").isEqualTo("svg");
    assertThat(picture.getElementsByTagName("circle").getLength()).as("a mark per milestone, and the key")
        .isEqualTo(schedule.milestones().size() + InspectionTimeline.State.values().length);
    assertThat(svg.body()).contains("class=\"today\"", ">15<", "Days 16 to ", "class=\"milestone mark-missed\"");
    assertThat(Http.as(port, "scrutineer", TestUsers.PASSWORD).get("/inspections/" + reference + "/timeline.svg").statusCode())
        .isEqualTo(403);
    assertThat(Http.as(port, "police.lead", TestUsers.PASSWORD).get("/inspections/" + reference + "/timeline.svg").statusCode())
        .as("an agency sees the milestones").isEqualTo(200);

    // The debrief's figures, whose misses are known: the Police confirmed late, the LA's Annex A and
    // every agency's fieldwork-week meetings are overdue, Education was taken out of the meetings.
    Map<String, Debrief.AgencyFigures> figures = new java.util.HashMap<>();
    debrief.figures(schedule).forEach(f -> figures.put(f.agency(), f));
    Debrief.AgencyFigures police = figures.get("police");
    assertThat(police.late()).isEqualTo(1);
    assertThat(police.lateWorkingMinutes()).isEqualTo(late.get("lateByWorkingMinutes").asLong());
    assertThat(police.missed()).as("the fieldwork-week meetings, overdue").isEqualTo(1);
    assertThat(police.onTime()).isZero();
    assertThat(police.onTimePercent()).isZero();
    Debrief.AgencyFigures la = figures.get("la");
    assertThat(la.onTime()).as("its lead contact").isEqualTo(1);
    assertThat(la.missed()).as("Annex A and the fieldwork-week meetings").isEqualTo(2);
    assertThat(la.earlyWorkingMinutes()).as("confirmed at 11:00 on day 1, due at 17:00")
        .isEqualTo(calendar.workingTimeBetween(instant("2027-05-24T11:00:00+01:00"), instant("2027-05-24T17:00:00+01:00")).toMinutes());
    assertThat(la.medianLeadWorkingMinutes()).as("its one step on time").isEqualTo(la.earlyWorkingMinutes());
    assertThat(figures.get("education").missed()).as("taken out of the meetings: not a miss").isZero();
    assertThat(figures).containsKey(InspectionBoard.PARTNERSHIP_ROW);
    HttpResponse<String> csv = Http.as(port, "laim", TestUsers.PASSWORD).get("/api/inspections/" + reference + "/debrief.csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.body()).contains("Agency,Deadlines,On time,Late,Missed", "Police,2,0,1,1,0," + police.lateWorkingMinutes(),
        "Police,Confirm your lead contact is available and briefed,17:00 on Monday 24 May,10:00 on Tuesday 25 May,DONE_LATE,"
            + police.lateWorkingMinutes());
    assertThat(Http.as(port, "police.lead", TestUsers.PASSWORD).get("/api/inspections/" + reference + "/debrief.csv").statusCode())
        .as("the debrief's figures are the coordinators'").isEqualTo(403);

    // The same as a page, for those without Cockpit.
    HttpResponse<String> page = Http.as(port, "bu", TestUsers.PASSWORD).get("/inspections/" + reference + "/board");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Where each agency stands", "day 6", "<svg", "timeline.svg", "Late by " + BoardPage.hoursAndMinutes(
        late.get("lateByWorkingMinutes").asLong()), "class=\"overdue\"", "Not required",
        "Confirm your lead contact is available and briefed", "Education");
    HttpResponse<String> policePage = Http.as(port, "police.lead", TestUsers.PASSWORD).get("/inspections/" + reference + "/board");
    assertThat(policePage.body()).contains("<th>Police</th>").doesNotContain("<th>Health</th>", "<th>Education</th>");

    // Who sees which rows.
    assertThat(board("dcs", reference).get("rows")).hasSize(6);
    assertThat(board("police.lead", reference).get("rows")).extracting(row -> row.get("agency").asText()).containsExactly("police");
    assertThat(board("police.senior", reference).get("rows")).extracting(row -> row.get("agency").asText()).containsExactly("police");
    assertThat(board("police.lead", reference).get("nextDeadline")).as("and the milestones").isNotNull();
    HttpResponse<String> scrutineer = Http.as(port, "scrutineer", TestUsers.PASSWORD).get("/api/inspections/" + reference + "/board");
    assertThat(scrutineer.statusCode()).isEqualTo(403);
    assertThat(Http.as(port, "scrutineer", TestUsers.PASSWORD).get("/inspections/" + reference + "/board").statusCode()).isEqualTo(403);
    assertThat(Http.as(port, "bu", TestUsers.PASSWORD).get("/api/inspections/JTAI-2099-01-NONE/board").statusCode()).isEqualTo(404);
    assertThat(Http.as(port, "police.lead", TestUsers.PASSWORD).get("/api/inspections/JTAI-2099-01-NONE/board").statusCode())
        .as("an unknown inspection, for an agency too").isEqualTo(404);
  }

  @Test
  void anAgencyWhoseAuditReturnsAreAllNilReturnsShowsANilReturnAndAPartlyNilOneSaysHowMany() throws Exception {
    String reference = newReference();
    registerInspection(reference, "domestic-abuse", NOTIFIED);
    List<String> children = ChildData.references(Math.abs(reference.hashCode() % 900) + 100, 20);
    selected.recordFirstSelection(reference, children);
    selected.recordAuditSelection(reference, children.subList(0, 2));
    startStage("case-audit", reference, "domestic-abuse", NOTIFIED, "2027-05-27T09:00:00+01:00");
    moveClockTo("2027-05-28T10:00:00+01:00");
    for (Task tool : openTasks(reference, "Task_CompleteAuditTool")) {
      String agency = tasks.getIdentityLinksForTask(tool.getId()).get(0).getGroupId();
      if (agency.equals("police") || (agency.equals("health") && Integer.valueOf(1).equals(tasks.getVariable(tool.getId(), "childNumber")))) {
        complete(tool, Map.of("auditInvolvement", "no-involvement"));
      } else if (agency.equals("health")) {
        complete(tool, Map.of("auditInvolvement", "involved", "auditToolCompleted", true, "chronologyCompleted", true,
            "returnLocation", "Audit/health/child-2"));
      }
    }

    JsonNode board = board("laim", reference);
    JsonNode police = cell(board, "police", "Task_CompleteAuditTool");
    assertThat(police.get("state").asText()).as("no involvement with either child").isEqualTo("NIL_RETURN");
    assertThat(police.get("nilReturns").asInt()).isEqualTo(2);
    JsonNode health = cell(board, "health", "Task_CompleteAuditTool");
    assertThat(health.get("state").asText()).isEqualTo("DONE_ON_TIME");
    assertThat(health.get("nilReturns").asInt()).isEqualTo(1);
    assertThat(cell(board, "la", "Task_CompleteAuditTool").get("state").asText()).isEqualTo("OPEN");
    assertThat(cell(board, "la", "Task_CompleteAuditTool").get("nilReturns").asInt()).isZero();

    String page = Http.as(port, "bu", TestUsers.PASSWORD).get("/inspections/" + reference + "/board").body();
    assertThat(page).contains("class=\"nil-return\"", ">Nil return<", "1 nil return.");
  }

  private JsonNode board(String user, String reference) throws Exception {
    HttpResponse<String> response = Http.as(port, user, TestUsers.PASSWORD).get("/api/inspections/" + reference + "/board");
    assertThat(response.statusCode()).as(user + ": " + response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private static JsonNode column(JsonNode board, String step) {
    for (JsonNode column : board.get("columns")) {
      if (column.get("step").asText().equals(step)) {
        return column;
      }
    }
    throw new AssertionError("no column " + step);
  }

  private static JsonNode cell(JsonNode board, String agency, String step) {
    for (JsonNode row : board.get("rows")) {
      if (row.get("agency").asText().equals(agency)) {
        for (JsonNode cell : row.get("cells")) {
          if (cell.get("step").asText().equals(step)) {
            return cell;
          }
        }
      }
    }
    throw new AssertionError("no cell " + agency + " x " + step);
  }
}
