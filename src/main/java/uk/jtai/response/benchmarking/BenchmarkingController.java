package uk.jtai.response.benchmarking;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.security.Roles;
import uk.jtai.response.web.ApiExceptionHandler;
import uk.jtai.response.web.CsvDownload;
import uk.jtai.response.web.CurrentUser;

/**
 * The benchmarking self-assessment: {@code GET /api/benchmarking/{key}/ratings.csv}, every agency's
 * rating and answers per criterion (the Business Unit only, also with its Tasklist session); and
 * {@code GET /api/themes/{theme}/presentation}, where the latest presentation of a theme is (the
 * inspection's coordinators).
 */
@RestController
public class BenchmarkingController {

  private final Benchmarking benchmarking;
  private final BenchmarkingRepository repository;
  private final CurrentUser user;
  private final ZoneId zone;

  public BenchmarkingController(Benchmarking benchmarking, BenchmarkingRepository repository, CurrentUser user,
                                WorkingCalendar calendar) {
    this.benchmarking = benchmarking;
    this.repository = repository;
    this.user = user;
    this.zone = calendar.zone();
  }

  public record PresentationView(String theme, String presentation, String benchmarking, String recordedBy, String recordedAt) {}

  @GetMapping("/api/benchmarking/{key}/ratings.csv")
  public ResponseEntity<byte[]> ratings(@PathVariable String key) {
    user.requireAnyGroup(List.of(Roles.BUSINESS_UNIT), "download the benchmarking ratings");
    if (!repository.exists(key)) {
      throw new ApiExceptionHandler.NotFoundException("No benchmarking self-assessment with key " + key);
    }
    return CsvDownload.of(key + "-ratings.csv", benchmarking.table(key));
  }

  @GetMapping("/api/themes/{theme}/presentation")
  public PresentationView presentation(@PathVariable String theme) {
    user.requireAnyGroup(Roles.COORDINATORS, "see where the benchmarking presentation is");
    return benchmarking.latest(theme)
        .map(p -> new PresentationView(p.theme(), p.reference(), p.benchmarkingKey(), p.recordedBy(),
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(p.recordedAt().atZone(zone))))
        .orElseThrow(() -> new ApiExceptionHandler.NotFoundException("No benchmarking presentation recorded for theme " + theme));
  }
}
