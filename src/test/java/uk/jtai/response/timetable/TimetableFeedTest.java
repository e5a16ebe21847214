package uk.jtai.response.timetable;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestUsers;

/** GET /api/inspections/{reference}/timetable.ics: the schedule as iCalendar, per caller, following moves. */
class TimetableFeedTest extends ProcessTestSupport {

  @LocalServerPort int port;
  @org.springframework.beans.factory.annotation.Autowired uk.jtai.response.partnership.ThemeRegistry themes;
  private String reference;

  @BeforeEach
  void inspection() {
    TestUsers.ensure(engine.getIdentityService(), "ics-bu", "business-unit");
    TestUsers.ensure(engine.getIdentityService(), "ics-police", "police");
    TestUsers.ensure(engine.getIdentityService(), "ics-la", "la");
    TestUsers.ensure(engine.getIdentityService(), "ics-nobody");
    reference = newReference();
    startInspection(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00");
  }

  private String path() {
    return "/api/inspections/" + reference + "/timetable.ics";
  }

  private Map<String, VEvent> events(String user) throws Exception {
    HttpResponse<String> response = Http.as(port, user, TestUsers.PASSWORD).get(path());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/calendar"));
    Calendar calendar = new CalendarBuilder().build(new StringReader(response.body()));
    List<VEvent> events = calendar.getComponents("VEVENT");
    return events.stream().collect(Collectors.toMap(
        event -> event.<Uid>getProperty("UID").orElseThrow().getValue(), event -> event));
  }

  private static Instant start(VEvent event) {
    Temporal start = event.<DtStart<Temporal>>getProperty("DTSTART").orElseThrow().getDate();
    return Instant.from(start);
  }

  private static int sequence(VEvent event) {
    return event.<Sequence>getProperty("SEQUENCE").orElseThrow().getSequenceNo();
  }

  private String uid(String milestone) {
    return reference + "." + milestone + "@jtai-response";
  }

  @Test
  void theTimetableParsesWithOneEventPerMilestoneAndFollowsAMovedMilestone() throws Exception {
    int milestones = themes.theme("domestic-abuse").milestones().size();
    Map<String, VEvent> before = events("ics-bu");
    assertThat(before).as("every milestone of the theme").hasSize(milestones).containsKey(uid("ANNEX_A_DUE"));
    VEvent annexA = before.get(uid("ANNEX_A_DUE"));
    assertThat(start(annexA)).isEqualTo(instant("2027-05-25T17:00:00+01:00"));
    assertThat(annexA.getSummary().getValue()).isEqualTo("Annex A child-level lists submitted");
    assertThat(sequence(annexA)).isZero();
    assertThat(annexA.getProperties("DTSTAMP")).as("one DTSTAMP per event (RFC 5545)").hasSize(1);
    assertThat(annexA.getProperties("DESCRIPTION").get(0).getValue()).contains("Working day 2").contains("ANNEX_A_DUE");
    assertThat(events("ics-bu").get(uid("ANNEX_A_DUE")).getProperty("SEQUENCE").orElseThrow().getValue())
        .as("unchanged: same sequence").isEqualTo("0");

    // The inspectors move Annex A to day 3 at 12:00 (the schedule is updated in place).
    jdbc.update("update jtai_milestone set due = ?, working_day = 3 where reference = ? and name = 'ANNEX_A_DUE'",
        OffsetDateTime.parse("2027-05-26T12:00:00+01:00").withOffsetSameInstant(ZoneOffset.UTC), reference);
    Map<String, VEvent> after = events("ics-bu");
    assertThat(after).as("the same events, none added").hasSize(milestones).containsOnlyKeys(before.keySet());
    VEvent moved = after.get(uid("ANNEX_A_DUE"));
    assertThat(start(moved)).isEqualTo(instant("2027-05-26T12:00:00+01:00"));
    assertThat(sequence(moved)).isEqualTo(1);
    assertThat(sequence(after.get(uid("AUDIT_DAY")))).isZero();
    assertThat(start(after.get(uid("AUDIT_DAY")))).isEqualTo(instant("2027-06-02T09:30:00+01:00")); // day 7, after the bank holiday
  }

  @Test
  void eachCallerSeesTheDeadlinesThatConcernThem() throws Exception {
    Map<String, VEvent> police = events("ics-police");
    assertThat(police).containsKey(uid("AGENCIES_CONFIRMED_DUE")).containsKey(uid("AUDIT_REPORT_DUE"))
        .doesNotContainKey(uid("ANNEX_A_DUE")).doesNotContainKey(uid("SCRUTINEER_NOTIFIED_DUE"))
        .doesNotContainKey(uid("RETURNS_FORWARDED_DUE"));
    Map<String, VEvent> localAuthority = events("ics-la");
    assertThat(localAuthority).containsKey(uid("ANNEX_A_DUE")).doesNotContainKey(uid("PARTNERS_NOTIFIED_DUE"));
    assertThat(events("ics-bu")).containsKey(uid("SCRUTINEER_NOTIFIED_DUE")).containsKey(uid("ANNEX_A_DUE"));
  }

  @Test
  void theFeedNeedsASignedInUserOfThePartnershipAndAKnownInspection() {
    assertThat(Http.anonymous(port).get(path()).statusCode()).isEqualTo(401);
    assertThat(Http.as(port, "ics-nobody", TestUsers.PASSWORD).get(path()).statusCode()).isEqualTo(403);
    assertThat(Http.as(port, "ics-bu", TestUsers.PASSWORD).get("/api/inspections/JTAI-2099-01-NONE/timetable.ics")
        .statusCode()).isEqualTo(404);
  }
}
