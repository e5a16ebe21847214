package uk.jtai.response.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestUsers;

/** The managers' Tasklist filters, as each group sees them over the REST API Tasklist uses. */
class ManagerFiltersTest extends ProcessTestSupport {

  @LocalServerPort int port;
  @Autowired ManagerFilters filters;
  private final ObjectMapper json = new ObjectMapper();
  private String reference;

  @BeforeEach
  void inspectionOnDayOne() {
    TestUsers.ensure(engine.getIdentityService(), "flt-bu", "business-unit");
    TestUsers.ensure(engine.getIdentityService(), "flt-police", "police");
    TestUsers.ensure(engine.getIdentityService(), "flt-dcs", "dcs");
    TestUsers.ensure(engine.getIdentityService(), "flt-laim", "laim");
    reference = newReference();
    startInspection(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00");
    moveClockTo("2027-05-24T10:00:00+01:00");
    complete(task(reference, "Task_NotifyPartners"), Map.of("contactsCurrent", true));
  }

  private Map<String, String> visibleFilters(Http user) throws Exception {
    Map<String, String> byName = new java.util.TreeMap<>();
    for (JsonNode filter : json.readTree(user.get("/engine-rest/filter?resourceType=Task").body())) {
      byName.put(filter.get("name").asText(), filter.get("id").asText());
    }
    return byName;
  }

  /** The id of the user's filter whose name starts so. */
  private String filter(Http user, String prefix) throws Exception {
    return visibleFilters(user).entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).findFirst().orElseThrow().getValue();
  }

  /** Names of this inspection's tasks a filter lists for the user. */
  private List<String> list(Http user, String filterId) throws Exception {
    List<String> names = new ArrayList<>();
    for (JsonNode task : json.readTree(user.post("/engine-rest/filter/" + filterId + "/list?maxResults=500", "{}").body())) {
      if (task.path("description").asText().endsWith(reference)) {
        // The filters are the subject here; the inspection and due day each name ends with are TaskNamingTest's.
        names.add(uk.jtai.response.tasks.TaskNaming.step(task.get("name").asText()));
      }
    }
    return names;
  }

  @Test
  void everyGroupHasItsDueTodayOverdueAndAgencyFiltersAndOnlyItsOwn() throws Exception {
    filters.refresh(EngineTime.now());
    Http police = Http.as(port, "flt-police", TestUsers.PASSWORD);
    assertThat(visibleFilters(police).keySet()).containsExactlyInAnyOrder(
        "Police lead contact and deputies tasks",
        "Due today (Police lead contact and deputies)",
        "Overdue (Police lead contact and deputies)",
        "My agency (Police lead contact and deputies)");
    assertThat(visibleFilters(Http.as(port, "flt-bu", TestUsers.PASSWORD)).keySet()).contains(
        "Due today (Business Unit)", "Overdue (Business Unit)")
        .noneMatch(name -> name.contains("Police")).noneMatch(name -> name.startsWith("My agency"));
  }

  @Test
  void dueTodayAndOverdueFollowTheDayAndTheClock() throws Exception {
    Http police = Http.as(port, "flt-police", TestUsers.PASSWORD);
    Http bu = Http.as(port, "flt-bu", TestUsers.PASSWORD);
    filters.refresh(EngineTime.now());
    Map<String, String> policeFilters = visibleFilters(police);
    Map<String, String> buFilters = visibleFilters(bu);
    Http dcs = Http.as(port, "flt-dcs", TestUsers.PASSWORD);
    Http laim = Http.as(port, "flt-laim", TestUsers.PASSWORD);
    String policeToday = policeFilters.get("Due today (Police lead contact and deputies)");
    String policeOverdue = policeFilters.get("Overdue (Police lead contact and deputies)");
    String policeAgency = policeFilters.get("My agency (Police lead contact and deputies)");

    assertThat(list(police, policeToday)).containsExactly("Confirm your lead contact is available and briefed (Police)");
    assertThat(list(police, policeOverdue)).isEmpty();
    assertThat(list(police, policeAgency)).containsExactlyInAnyOrder(
        "Confirm your lead contact is available and briefed (Police)",
        "Give the lead inspector the multi-agency meetings in the fieldwork week (Police)");
    assertThat(list(bu, buFilters.get("Due today (Business Unit)")))
        .as("a partnership role sees its own group's tasks, not the agencies' (they are in the digest)")
        .doesNotContain("Confirm your lead contact is available and briefed (Police)");
    assertThat(list(dcs, filter(dcs, "Due today (")))
        .containsExactly("Confirm the Independent Scrutineer is notified");

    assertThat(filters.refresh(EngineTime.now())).as("nothing to rewrite").isZero();
    moveClockTo("2027-05-24T17:07:00+01:00");
    filters.refresh(EngineTime.now());
    assertThat(list(police, policeOverdue)).containsExactly("Confirm your lead contact is available and briefed (Police)");

    moveClockTo("2027-05-25T00:01:00+01:00");
    filters.refresh(EngineTime.now());
    assertThat(visibleFilters(police)).as("the same filters, rewritten in place").isEqualTo(policeFilters);
    assertThat(list(police, policeToday)).isEmpty();
    assertThat(list(police, policeOverdue)).containsExactly("Confirm your lead contact is available and briefed (Police)");
    assertThat(list(laim, filter(laim, "Due today (")))
        .containsExactly("Record the set-up discussion with the lead inspector");
  }
}
