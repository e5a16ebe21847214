package uk.jtai.response.auditreport;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static uk.jtai.response.support.WebSlice.as;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * {@code /api/inspections/{reference}/audit-roles} on its own: only the Business Unit reassigns, only the
 * request's three fields reach the service, and the caller is the signed-in user; the service mocked (its
 * checks and effects are in {@link AuditDayAndReportProcessTest}).
 */
@WebMvcTest(AuditRolesController.class)
@Import({WebSlice.class, WebSlice.York.class})
class AuditRolesControllerTest {

  static final String REFERENCE = "JTAI-2027-05-YORK";
  static final String ROLES = "/api/inspections/" + REFERENCE + "/audit-roles";

  @Autowired MockMvc mvc;
  @MockitoBean AuditRoles roles;
  @MockitoBean ScheduleRepository inspections;

  @BeforeEach
  void anInspection() {
    when(inspections.find(REFERENCE)).thenReturn(Optional.of(new InspectionSchedule(REFERENCE, "domestic-abuse",
        Instant.parse("2027-05-24T08:10:00Z"), List.of())));
  }

  @Test
  void theBusinessUnitReassignsAsItselfWithOnlyTheRequestsThreeFields() throws Exception {
    Map<String, Object> sent = new HashMap<>();
    sent.put("role", "chair");
    sent.put("newUser", "health.lead");
    sent.put("reason", "The Chair is ill");
    when(roles.reassign(REFERENCE, sent, "bu")).thenReturn(new AuditRoles.Change("chair", "police.lead", "health.lead",
        "The Chair is ill", "bu", Instant.parse("2027-06-01T08:30:00Z")));

    mvc.perform(post(ROLES).with(as("bu")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"role\":\"chair\",\"newUser\":\"health.lead\",\"reason\":\"The Chair is ill\",\"changedBy\":\"dcs\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.oldUser").value("police.lead"))
        .andExpect(jsonPath("$.newUser").value("health.lead"))
        .andExpect(jsonPath("$.changedBy").value("bu"));
    verify(roles).reassign(REFERENCE, sent, "bu");
  }

  @Test
  void onlyTheBusinessUnitReassignsAndAnUnknownInspectionIsNotFound() throws Exception {
    String body = "{\"role\":\"chair\",\"newUser\":\"health.lead\",\"reason\":\"Ill\"}";
    mvc.perform(post(ROLES).with(as("laim")).contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.message").value("Only business-unit users can reassign the Audit Chair or Author"));
    mvc.perform(post(ROLES).contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isUnauthorized());
    mvc.perform(post("/api/inspections/JTAI-2027-06-NONE/audit-roles").with(as("bu"))
            .contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isNotFound());
    mvc.perform(post(ROLES).with(as("bu")).contentType(MediaType.APPLICATION_JSON).content("role=chair"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("body"));
    verifyNoInteractions(roles);
  }

  @Test
  void theCoordinatorsSeeEveryChange() throws Exception {
    when(roles.changes(REFERENCE)).thenReturn(List.of(new AuditRoles.Change("author", "bu.author", "la.lead",
        "Moved post", "bu", Instant.parse("2027-06-01T08:30:00Z"))));
    mvc.perform(get(ROLES).with(as("laim")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].role").value("author"))
        .andExpect(jsonPath("$[0].reason").value("Moved post"));
    mvc.perform(get(ROLES).with(as("police.lead")))
        .andExpect(status().isForbidden());
    verify(roles, org.mockito.Mockito.times(1)).changes(any());
  }
}
