package uk.jtai.response.timetable;

import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static uk.jtai.response.support.WebSlice.as;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.support.WebSlice;

/**
 * {@code GET /api/inspections/{reference}/timetable.ics} on its own (the feed's content is {@link
 * TimetableFeedTest}'s): who may read it, and that it is rendered for the signed-in user's groups.
 */
@WebMvcTest(TimetableController.class)
@Import({WebSlice.class, WebSlice.York.class})
class TimetableControllerTest {

  static final String REFERENCE = "JTAI-2027-05-YORK";
  static final String FEED = "/api/inspections/" + REFERENCE + "/timetable.ics";
  static final InspectionSchedule SCHEDULE = new InspectionSchedule(REFERENCE, "domestic-abuse",
      Instant.parse("2027-05-24T08:10:00Z"), List.of());

  @Autowired MockMvc mvc;
  @MockitoBean ScheduleRepository schedules;
  @MockitoBean Timetable timetable;

  @Test
  void aPartnerGetsTheCalendarOfWhatConcernsTheirGroups() throws Exception {
    when(schedules.find(REFERENCE)).thenReturn(Optional.of(SCHEDULE));
    when(timetable.render(SCHEDULE, List.of("police"))).thenReturn("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");

    mvc.perform(get(FEED).with(as("police.lead")))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "text/calendar;charset=UTF-8"))
        .andExpect(header().string("Cache-Control", "no-cache, private"))
        .andExpect(content().string("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"));
    verify(timetable).render(SCHEDULE, List.of("police"));
  }

  @Test
  void theDcsFeedIsRenderedForBothItsGroupsAndAnAdministratorMayReadOne() throws Exception {
    when(schedules.find(REFERENCE)).thenReturn(Optional.of(SCHEDULE));
    when(timetable.render(SCHEDULE, List.of("dcs", "la-senior"))).thenReturn("dcs");
    when(timetable.render(SCHEDULE, List.of("camunda-admin"))).thenReturn("admin");

    mvc.perform(get(FEED).with(as("dcs"))).andExpect(status().isOk()).andExpect(content().string("dcs"));
    mvc.perform(get(FEED).with(as("admin"))).andExpect(status().isOk()).andExpect(content().string("admin"));
  }

  @Test
  void usersOutsideThePartnershipsGroupsAreRefused() throws Exception {
    mvc.perform(get(FEED).with(as("stranger")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.message").value("Only users in the partnership's groups can read an inspection's timetable"));
    mvc.perform(get(FEED)).andExpect(status().isUnauthorized());
    verifyNoInteractions(schedules, timetable);
  }

  @Test
  void anUnknownInspectionIsNotFound() throws Exception {
    mvc.perform(get("/api/inspections/JTAI-2027-06-NONE/timetable.ics").with(as("bu")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.status").value(404))
        .andExpect(jsonPath("$.message").value("No inspection with reference JTAI-2027-06-NONE"));
    verifyNoInteractions(timetable);
  }
}
