package uk.jtai.response.readiness;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static uk.jtai.response.support.WebSlice.as;
import static uk.jtai.response.support.WebSlice.basic;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import uk.jtai.response.support.WebSlice;

/** {@code GET /api/readiness/{key}/evidence.csv} on its own: no engine, no database. */
@WebMvcTest(ReadinessController.class)
@Import(WebSlice.class)
class ReadinessControllerTest {

  static final String KEY = "READINESS-DOMESTIC-ABUSE-2027-06-01";
  static final String CSV = "/api/readiness/" + KEY + "/evidence.csv";

  @Autowired MockMvc mvc;
  @MockitoBean EvidenceStatus status;
  @MockitoBean ReadinessRepository repository;

  @Test
  void theBusinessUnitDownloadsWhatIsMissingAsASpreadsheet() throws Exception {
    when(repository.exists(KEY)).thenReturn(true);
    when(status.table(KEY)).thenReturn(List.of(List.of("Agency", "Document", "Missing"),
        List.of("North Yorkshire Police", "Domestic abuse policy, \"current\"", "yes")));

    mvc.perform(get(CSV).with(as("bu")))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
        .andExpect(header().string("Content-Disposition", "attachment; filename=\"" + KEY + "-documentary-evidence.csv\""))
        .andExpect(header().string("Cache-Control", "no-store"))
        .andExpect(content().string("\uFEFFAgency,Document,Missing\r\n"
            + "North Yorkshire Police,\"Domestic abuse policy, \"\"current\"\"\",yes\r\n"));
  }

  @Test
  void anUnknownRunIsNotFound() throws Exception {
    mvc.perform(get("/api/readiness/READINESS-NONE/evidence.csv").with(as("bu")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.status").value(404))
        .andExpect(jsonPath("$.message").value("No theme readiness with key READINESS-NONE"));
  }

  @Test
  void onlyTheBusinessUnitMayDownloadIt() throws Exception {
    for (String user : List.of("laim", "dcs", "police.lead")) {
      mvc.perform(get(CSV).with(as(user)))
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.status").value(403))
          .andExpect(jsonPath("$.message").value("Only business-unit users can download what documentary evidence is missing"));
    }
    verifyNoInteractions(status, repository);
  }

  @Test
  void anonymousCallersAndWrongPasswordsAreAskedToSignIn() throws Exception {
    mvc.perform(get(CSV)).andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", "Basic realm=\"default\""));
    mvc.perform(get(CSV).with(basic("bu", "guess"))).andExpect(status().isUnauthorized());
    verifyNoInteractions(status, repository);
  }
}
