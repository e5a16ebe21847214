package uk.jtai.response.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static uk.jtai.response.support.WebSlice.as;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.sql.DataSource;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.Milestone;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.movedeadline.ScheduleMover;
import uk.jtai.response.support.WebSlice;
import uk.jtai.response.tasks.FieldError;
import uk.jtai.response.tasks.SubmissionRejectedException;

/**
 * {@code /api/inspections} on its own, the service and the schedule mover mocked: no engine, no database.
 * What the engine makes of a start is {@link InspectionApiTest}'s.
 */
@WebMvcTest(InspectionController.class)
@Import({WebSlice.class, WebSlice.Calendar.class})
class InspectionControllerTest {

  static final String REFERENCE = "JTAI-2027-05-YORK";
  static final InspectionSchedule SCHEDULE = new InspectionSchedule(REFERENCE, "domestic-abuse",
      Instant.parse("2027-05-24T08:10:00Z"), List.of(
          new Milestone("SCRUTINEER_NOTIFIED", 1, Instant.parse("2027-05-24T16:00:00Z"), "Independent Scrutineer notified"),
          new Milestone("ANNEX_A_DUE", 2, Instant.parse("2027-05-25T16:00:00Z"), "Annex A submitted")));

  @Autowired MockMvc mvc;
  @Autowired ApplicationContext context;
  @MockitoBean InspectionService inspections;
  @MockitoBean ScheduleMover mover;

  @Test
  void theSliceHasNeitherAnEngineNorADatabase() {
    assertThat(context.getBeanNamesForType(ProcessEngine.class)).isEmpty();
    assertThat(context.getBeanNamesForType(DataSource.class)).isEmpty();
    assertThat(context.getBeanNamesForType(ScheduleRepository.class)).isEmpty();
  }

  @Test
  void theDcsStartsAnInspectionAndGetsItsScheduleInLocalTime() throws Exception {
    when(inspections.start(REFERENCE, "domestic-abuse", "2027-05-24T09:10", null)).thenReturn(SCHEDULE);

    mvc.perform(post("/api/inspections").with(as("dcs")).contentType(MediaType.APPLICATION_JSON)
            .content("""
                {"reference":"JTAI-2027-05-YORK","theme":"domestic-abuse","notifiedAt":"2027-05-24T09:10"}"""))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/inspections/" + REFERENCE))
        .andExpect(jsonPath("$.reference").value(REFERENCE))
        .andExpect(jsonPath("$.theme").value("domestic-abuse"))
        .andExpect(jsonPath("$.notifiedAt").value("2027-05-24T09:10:00+01:00"))
        .andExpect(jsonPath("$.milestones[0].name").value("SCRUTINEER_NOTIFIED"))
        .andExpect(jsonPath("$.milestones[0].title").value("Independent Scrutineer notified"))
        .andExpect(jsonPath("$.milestones[0].workingDay").value(1))
        .andExpect(jsonPath("$.milestones[0].due").value("2027-05-24T17:00:00+01:00"))
        .andExpect(jsonPath("$.milestones[1].due").value("2027-05-25T17:00:00+01:00"));
  }

  @Test
  void aRefusedNotificationAnswers400NamingEachField() throws Exception {
    when(inspections.start(any(), any(), any(), any())).thenThrow(new SubmissionRejectedException(List.of(
        new FieldError("reference", "is required"),
        new FieldError("notifiedAt", "2027-05-29 is not a working day (Saturday)"))));

    mvc.perform(post("/api/inspections").with(as("bu")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"theme\":\"domestic-abuse\",\"notifiedAt\":\"2027-05-29T09:00\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.errors[0].field").value("reference"))
        .andExpect(jsonPath("$.errors[0].reason").value("is required"))
        .andExpect(jsonPath("$.errors[1].field").value("notifiedAt"))
        .andExpect(jsonPath("$.errors[1].reason").value("2027-05-29 is not a working day (Saturday)"));
  }

  @Test
  void aBodyThatIsNotTheJsonExpectedAnswers400NamingTheBody() throws Exception {
    mvc.perform(post("/api/inspections").with(as("bu")).contentType(MediaType.APPLICATION_JSON).content("[\"JTAI\""))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").value("The request body is not the JSON expected"))
        .andExpect(jsonPath("$.errors[0].field").value("body"));
    verifyNoInteractions(inspections);
  }

  @Test
  void aReferenceTakenAnswers409() throws Exception {
    when(inspections.start(any(), any(), any(), any())).thenThrow(new InspectionService.InspectionExistsException(REFERENCE));

    mvc.perform(post("/api/inspections").with(as("bu")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"reference\":\"JTAI-2027-05-YORK\",\"theme\":\"domestic-abuse\",\"notifiedAt\":\"2027-05-24T09:10\"}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.status").value(409))
        .andExpect(jsonPath("$.message").value("An inspection with reference JTAI-2027-05-YORK already exists"));
  }

  @Test
  void onlyTheDcsAndTheBusinessUnitStartAnInspection() throws Exception {
    for (String user : List.of("laim", "police.lead", "admin")) {
      mvc.perform(post("/api/inspections").with(as(user)).contentType(MediaType.APPLICATION_JSON)
              .content("{\"reference\":\"JTAI-2027-05-YORK\",\"theme\":\"domestic-abuse\",\"notifiedAt\":\"2027-05-24T09:10\"}"))
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.message").value("Only dcs or business-unit users can start an inspection"));
    }
    mvc.perform(post("/api/inspections").contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isUnauthorized());
    verifyNoInteractions(inspections);
  }

  @Test
  void whatTheEngineRefusesAnswers403WithoutItsDetail() throws Exception {
    when(inspections.start(any(), any(), any(), any())).thenThrow(new AuthorizationException(
        "The user with id 'bu' does not have 'CREATE_INSTANCE' permission on resource 'jtai-inspection'"));

    mvc.perform(post("/api/inspections").with(as("bu")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"reference\":\"JTAI-2027-05-YORK\",\"theme\":\"domestic-abuse\",\"notifiedAt\":\"2027-05-24T09:10\"}"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.status").value(403))
        .andExpect(jsonPath("$.message").value("You are not allowed to do this"));
  }

  @Test
  void aBodyOverTheLimitAnswers413BeforeAnythingReadsIt() throws Exception {
    String huge = "{\"reference\":\"" + "J".repeat((int) WebSlice.MAX_REQUEST_SIZE.toBytes()) + "\"}";

    mvc.perform(post("/api/inspections").with(as("bu")).contentType(MediaType.APPLICATION_JSON).content(huge))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(jsonPath("$.status").value(413))
        .andExpect(jsonPath("$.message").value("The request body is larger than 4 KB, the most this service accepts"));
    verifyNoInteractions(inspections);
  }

  @Test
  void anyUserReadsTheInspectionAndItsSchedule() throws Exception {
    when(inspections.schedule(REFERENCE)).thenReturn(Optional.of(SCHEDULE));

    for (String path : List.of("/api/inspections/" + REFERENCE, "/api/inspections/" + REFERENCE + "/schedule")) {
      mvc.perform(get(path).with(as("police.lead")))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.reference").value(REFERENCE))
          .andExpect(jsonPath("$.milestones.length()").value(2));
    }
    mvc.perform(get("/api/inspections/JTAI-2027-06-NONE/schedule").with(as("police.lead")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.message").value("No inspection with reference JTAI-2027-06-NONE"));
  }

  @Test
  void aDeadlineIsMovedAsTheSignedInUserWhateverTheBodySays() throws Exception {
    when(inspections.schedule(REFERENCE)).thenReturn(Optional.of(SCHEDULE));
    when(mover.move(anyString(), anyString(), any(), any(), any())).thenReturn(Map.of());

    mvc.perform(put("/api/inspections/" + REFERENCE + "/milestones/ANNEX_A_DUE").with(as("laim"))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"due\":\"2027-05-26T17:00\",\"reason\":\"The lead inspector moved it\",\"movedBy\":\"bu\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.reference").value(REFERENCE));

    verify(mover).move(REFERENCE, "ANNEX_A_DUE", "2027-05-26T17:00", "The lead inspector moved it", "laim");
  }

  @Test
  void movingADeadlineIsRefusedNamedOrNotFoundAndOnlyForTheBusinessUnitAndLaim() throws Exception {
    when(mover.move(eq(REFERENCE), anyString(), any(), any(), any())).thenThrow(new SubmissionRejectedException(List.of(
        new FieldError("due", "is in the past"))));
    when(mover.move(eq("JTAI-2027-06-NONE"), anyString(), any(), any(), any()))
        .thenThrow(new NoSuchElementException("No inspection with reference JTAI-2027-06-NONE"));
    String body = "{\"due\":\"2020-01-01T09:00\",\"reason\":\"typo\"}";

    mvc.perform(put("/api/inspections/" + REFERENCE + "/milestones/ANNEX_A_DUE").with(as("bu"))
            .contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("due"))
        .andExpect(jsonPath("$.errors[0].reason").value("is in the past"));
    mvc.perform(put("/api/inspections/JTAI-2027-06-NONE/milestones/ANNEX_A_DUE").with(as("bu"))
            .contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.message").value("No inspection with reference JTAI-2027-06-NONE"));
    mvc.perform(put("/api/inspections/" + REFERENCE + "/milestones/ANNEX_A_DUE").with(as("dcs"))
            .contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.message").value("Only business-unit or laim users can move a deadline"));
  }

  @Test
  void everyMoveIsListedWithWhoWhenAndWhy() throws Exception {
    when(inspections.schedule(REFERENCE)).thenReturn(Optional.of(SCHEDULE));
    when(mover.changes(REFERENCE)).thenReturn(List.of(new ScheduleRepository.Change("ANNEX_A_DUE",
        Instant.parse("2027-05-25T16:00:00Z"), Instant.parse("2027-05-26T16:00:00Z"), "The lead inspector moved it",
        "laim", Instant.parse("2027-05-25T10:30:00Z"))));

    mvc.perform(get("/api/inspections/" + REFERENCE + "/milestone-changes").with(as("health.lead")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].name").value("ANNEX_A_DUE"))
        .andExpect(jsonPath("$[0].oldDue").value("2027-05-25T17:00:00+01:00"))
        .andExpect(jsonPath("$[0].newDue").value("2027-05-26T17:00:00+01:00"))
        .andExpect(jsonPath("$[0].reason").value("The lead inspector moved it"))
        .andExpect(jsonPath("$[0].movedBy").value("laim"))
        .andExpect(jsonPath("$[0].movedAt").value("2027-05-25T11:30:00+01:00"));
    mvc.perform(get("/api/inspections/JTAI-2027-06-NONE/milestone-changes").with(as("health.lead")))
        .andExpect(status().isNotFound());
  }
}
