package uk.jtai.response.concerns;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static uk.jtai.response.support.WebSlice.as;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.support.WebSlice;

/**
 * {@code POST /api/inspections/{reference}/concerns} on its own: the checks of the concern form against the
 * shipped theme (its agencies), the issues of concern mocked.
 */
@WebMvcTest(ConcernController.class)
@Import({WebSlice.class, WebSlice.York.class})
class ConcernControllerTest {

  static final String REFERENCE = "JTAI-2027-05-YORK";
  static final String CONCERNS = "/api/inspections/" + REFERENCE + "/concerns";

  @Autowired MockMvc mvc;
  @MockitoBean IssuesOfConcern concerns;
  @MockitoBean ScheduleRepository inspections;
  @MockitoBean uk.jtai.response.inspection.TakingPart takingPart;

  @BeforeEach
  void anInspectionOnDomesticAbuse() {
    when(inspections.find(REFERENCE)).thenReturn(Optional.of(new InspectionSchedule(REFERENCE, "domestic-abuse",
        Instant.parse("2027-05-24T08:10:00Z"), List.of())));
    // The trust CQC named takes part with the theme's agencies.
    when(takingPart.agencies(org.mockito.ArgumentMatchers.eq(REFERENCE), org.mockito.ArgumentMatchers.any())).thenAnswer(call ->
        ((uk.jtai.response.partnership.Theme) call.getArgument(1)).agencies().stream()
            .flatMap(a -> a.equals("health") ? java.util.stream.Stream.of(a, "health-acute") : java.util.stream.Stream.of(a)).toList());
  }

  @Test
  void laimRecordsAConcernAsItselfAndGetsWhereItIs() throws Exception {
    when(concerns.raise(REFERENCE, "police", "Strategy discussions held late", "laim")).thenReturn(7L);

    mvc.perform(post(CONCERNS).with(as("laim")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"agency\":\"police\",\"summary\":\"Strategy discussions held late\",\"raisedBy\":\"dcs\"}"))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", CONCERNS + "/7"))
        .andExpect(jsonPath("$.id").value(7))
        .andExpect(jsonPath("$.reference").value(REFERENCE))
        .andExpect(jsonPath("$.agency").value("police"));
    verify(concerns).raise(REFERENCE, "police", "Strategy discussions held late", "laim");
  }

  @Test
  void anAgencyOutsideTheThemeAndAMissingSummaryAreRefusedNamingTheFields() throws Exception {
    mvc.perform(post(CONCERNS).with(as("laim")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"agency\":\"yjs\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.errors[0].field").value("concernAgency"))
        .andExpect(jsonPath("$.errors[0].reason").value(
            "must be one of this inspection's agencies: la, police, health, health-acute, probation, education"))
        .andExpect(jsonPath("$.errors[1].field").value("concernSummary"))
        .andExpect(jsonPath("$.errors[1].reason").value("is required"));
    verifyNoInteractions(concerns);
  }

  @Test
  void onlyLaimRecordsAConcernAndAnUnknownInspectionIsNotFound() throws Exception {
    String body = "{\"agency\":\"police\",\"summary\":\"Late\"}";
    mvc.perform(post(CONCERNS).with(as("bu")).contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.message").value("Only laim users can record an issue of concern"));
    mvc.perform(post(CONCERNS).contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isUnauthorized());
    mvc.perform(post("/api/inspections/JTAI-2027-06-NONE/concerns").with(as("laim"))
            .contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.message").value("No inspection with reference JTAI-2027-06-NONE"));
    verifyNoInteractions(concerns);
  }

  @Test
  void aBodyThatIsNotJsonIsRefusedNamingTheBody() throws Exception {
    mvc.perform(post(CONCERNS).with(as("laim")).contentType(MediaType.APPLICATION_JSON).content("agency=police"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("body"));
    verify(concerns, org.mockito.Mockito.never()).raise(any(), any(), any(), any());
  }
}
