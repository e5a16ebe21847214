package uk.jtai.response.benchmarking;

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
import uk.jtai.response.support.WebSlice;

/** The benchmarking ratings download and the theme's latest presentation, on their own. */
@WebMvcTest(BenchmarkingController.class)
@Import({WebSlice.class, WebSlice.Calendar.class})
class BenchmarkingControllerTest {

  static final String KEY = "BENCHMARKING-DOMESTIC-ABUSE-2027-03-01";
  static final String CSV = "/api/benchmarking/" + KEY + "/ratings.csv";

  @Autowired MockMvc mvc;
  @MockitoBean Benchmarking benchmarking;
  @MockitoBean BenchmarkingRepository repository;

  @Test
  void theBusinessUnitDownloadsEveryRatingAsASpreadsheet() throws Exception {
    when(repository.exists(KEY)).thenReturn(true);
    when(benchmarking.table(KEY)).thenReturn(List.of(List.of("Criterion", "Agency", "Rating"),
        List.of("Leaders know their impact", "Health", "amber")));

    mvc.perform(get(CSV).with(as("bu")))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
        .andExpect(header().string("Content-Disposition", "attachment; filename=\"" + KEY + "-ratings.csv\""))
        .andExpect(header().string("Cache-Control", "no-store"))
        .andExpect(content().string("\uFEFFCriterion,Agency,Rating\r\nLeaders know their impact,Health,amber\r\n"));
  }

  @Test
  void theRatingsAreTheBusinessUnitsAndAnUnknownKeyIsNotFound() throws Exception {
    mvc.perform(get(CSV).with(as("laim")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.message").value("Only business-unit users can download the benchmarking ratings"));
    mvc.perform(get(CSV)).andExpect(status().isUnauthorized());
    verifyNoInteractions(benchmarking, repository);

    mvc.perform(get("/api/benchmarking/BENCHMARKING-NONE/ratings.csv").with(as("bu")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.message").value("No benchmarking self-assessment with key BENCHMARKING-NONE"));
  }

  @Test
  void theCoordinatorsSeeWhereTheLatestPresentationIs() throws Exception {
    when(benchmarking.latest("domestic-abuse")).thenReturn(Optional.of(new BenchmarkingRepository.Presentation(KEY,
        "domestic-abuse", "Shared drive/JTAI/benchmarking-2027.pptx", "bu", Instant.parse("2027-03-20T14:05:00Z"))));

    for (String user : List.of("bu", "laim", "dcs")) {
      mvc.perform(get("/api/themes/domestic-abuse/presentation").with(as(user)))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.theme").value("domestic-abuse"))
          .andExpect(jsonPath("$.presentation").value("Shared drive/JTAI/benchmarking-2027.pptx"))
          .andExpect(jsonPath("$.benchmarking").value(KEY))
          .andExpect(jsonPath("$.recordedBy").value("bu"))
          .andExpect(jsonPath("$.recordedAt").value("2027-03-20T14:05:00Z"));
    }
  }

  @Test
  void aPartnerIsRefusedThePresentationAndAThemeWithoutOneIsNotFound() throws Exception {
    mvc.perform(get("/api/themes/domestic-abuse/presentation").with(as("police.lead")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.message").value("Only business-unit or laim or dcs users can see where the benchmarking presentation is"));
    mvc.perform(get("/api/themes/front-door/presentation").with(as("laim")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.message").value("No benchmarking presentation recorded for theme front-door"));
  }
}
