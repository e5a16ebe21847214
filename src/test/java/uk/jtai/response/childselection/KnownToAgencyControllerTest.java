package uk.jtai.response.childselection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.support.WebSlice;

/**
 * The known-to-agency download on its own: child-level data for LAIM and the Business Unit only, never
 * cached, each download logged with who took it (the signed-in user) and never what it holds.
 */
@WebMvcTest(KnownToAgencyController.class)
@Import({WebSlice.class, WebSlice.York.class})
@ExtendWith(OutputCaptureExtension.class)
class KnownToAgencyControllerTest {

  static final String REFERENCE = "JTAI-2027-05-YORK";
  static final String CSV = "/api/inspections/" + REFERENCE + "/known-to-agency.csv";

  @Autowired MockMvc mvc;
  @MockitoBean KnownToAgency knownToAgency;
  @MockitoBean ScheduleRepository inspections;

  @Test
  void laimDownloadsTheReturnsOfTheInspectionsThemeAndTheDownloadIsLogged(CapturedOutput output) throws Exception {
    when(inspections.find(REFERENCE)).thenReturn(Optional.of(new InspectionSchedule(REFERENCE, "domestic-abuse",
        Instant.parse("2027-05-24T08:10:00Z"), List.of())));
    when(knownToAgency.table(eq(REFERENCE), any(Theme.class))).thenAnswer(call -> {
      Theme theme = call.getArgument(1);
      return List.of(List.of("Child", "Theme"), List.of("C-0042", theme.id()));
    });

    mvc.perform(get(CSV).with(as("laim")))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
        .andExpect(header().string("Content-Disposition", "attachment; filename=\"" + REFERENCE + "-known-to-agency.csv\""))
        .andExpect(header().string("Cache-Control", "no-store"))
        .andExpect(content().string("\uFEFFChild,Theme\r\nC-0042,domestic-abuse\r\n"));

    assertThat(output.getAll()).contains("Known-to-agency returns of " + REFERENCE + " downloaded by laim")
        .doesNotContain("C-0042");
  }

  @Test
  void onlyLaimAndTheBusinessUnitMayDownloadIt() throws Exception {
    for (String user : List.of("dcs", "police.lead", "admin")) {
      mvc.perform(get(CSV).with(as(user)))
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.message").value("Only laim or business-unit users can download the known-to-agency returns"));
    }
    mvc.perform(get(CSV)).andExpect(status().isUnauthorized());
    verifyNoInteractions(knownToAgency, inspections);
  }

  @Test
  void anUnknownInspectionIsNotFound() throws Exception {
    mvc.perform(get("/api/inspections/JTAI-2027-06-NONE/known-to-agency.csv").with(as("bu")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.message").value("No inspection with reference JTAI-2027-06-NONE"));
    verifyNoInteractions(knownToAgency);
  }
}
