package uk.jtai.response.rehearsal;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static uk.jtai.response.support.WebSlice.as;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import uk.jtai.response.support.WebSlice;
import uk.jtai.response.tasks.FieldError;
import uk.jtai.response.tasks.SubmissionRejectedException;

/** {@code /api/rehearsals} on its own, the rehearsal service mocked (what it does is {@link RehearsalTest}'s). */
@WebMvcTest(RehearsalController.class)
@Import({WebSlice.class, WebSlice.Calendar.class})
class RehearsalControllerTest {

  static final String REFERENCE = "REHEARSAL-JTAI-2027-03-YORK-1";
  static final RehearsalService.Started STARTED = new RehearsalService.Started(REFERENCE, "domestic-abuse",
      Instant.parse("2027-03-02T09:00:00Z"), "control-1");

  @Autowired MockMvc mvc;
  @MockitoBean RehearsalService rehearsals;

  @Test
  void theBusinessUnitStartsARehearsalWithoutABodyAndIsToldWhereItsScheduleIs() throws Exception {
    when(rehearsals.start(null, null)).thenReturn(STARTED);

    mvc.perform(post("/api/rehearsals").with(as("bu")))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/inspections/" + REFERENCE))
        .andExpect(jsonPath("$.reference").value(REFERENCE))
        .andExpect(jsonPath("$.theme").value("domestic-abuse"))
        .andExpect(jsonPath("$.notifiedAt").value("2027-03-02T09:00:00Z"))
        .andExpect(jsonPath("$.schedule").value("/api/inspections/" + REFERENCE + "/schedule"));
  }

  @Test
  void aThemeAndDayOneAskedForArePassedOnAndARefusalNamesTheField() throws Exception {
    when(rehearsals.start("front-door", "2027-06-01T09:00")).thenReturn(STARTED);
    when(rehearsals.start("no-such-theme", null)).thenThrow(new SubmissionRejectedException(List.of(
        new FieldError("theme", "unknown theme 'no-such-theme'"))));

    mvc.perform(post("/api/rehearsals").with(as("bu")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"theme\":\"front-door\",\"notifiedAt\":\"2027-06-01T09:00\"}"))
        .andExpect(status().isCreated());
    mvc.perform(post("/api/rehearsals").with(as("bu")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"theme\":\"no-such-theme\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("theme"))
        .andExpect(jsonPath("$.errors[0].reason").value("unknown theme 'no-such-theme'"));
    verify(rehearsals).start("front-door", "2027-06-01T09:00");
  }

  @Test
  void onlyTheBusinessUnitRehearses() throws Exception {
    mvc.perform(post("/api/rehearsals").with(as("dcs")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.message").value("Only business-unit users can start a rehearsal"));
    mvc.perform(delete("/api/rehearsals/" + REFERENCE).with(as("laim")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.message").value("Only business-unit users can cancel a rehearsal"));
    mvc.perform(post("/api/rehearsals")).andExpect(status().isUnauthorized());
    verifyNoInteractions(rehearsals);
  }

  @Test
  void cancellingEndsTheRehearsalAsTheSignedInUser() throws Exception {
    mvc.perform(delete("/api/rehearsals/" + REFERENCE).with(as("bu")))
        .andExpect(status().isNoContent())
        .andExpect(content().string(""));
    verify(rehearsals).cancel(REFERENCE, "bu");
  }

  @Test
  void cancellingARealInspectionIsRefusedAndAnUnknownRehearsalIsNotFound() throws Exception {
    doThrow(new SubmissionRejectedException(List.of(new FieldError("reference", "JTAI-2027-05-YORK is not a rehearsal"))))
        .when(rehearsals).cancel(org.mockito.ArgumentMatchers.eq("JTAI-2027-05-YORK"), any());
    doThrow(new RehearsalService.NoSuchRehearsalException("REHEARSAL-JTAI-2027-03-YORK-9"))
        .when(rehearsals).cancel(org.mockito.ArgumentMatchers.eq("REHEARSAL-JTAI-2027-03-YORK-9"), any());

    mvc.perform(delete("/api/rehearsals/JTAI-2027-05-YORK").with(as("bu")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("reference"));
    mvc.perform(delete("/api/rehearsals/REHEARSAL-JTAI-2027-03-YORK-9").with(as("bu")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.message").value("No rehearsal with reference REHEARSAL-JTAI-2027-03-YORK-9"));
  }
}
