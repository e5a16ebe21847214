package uk.jtai.response.childselection;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.security.Roles;
import uk.jtai.response.web.ApiExceptionHandler;
import uk.jtai.response.web.CurrentUser;

/**
 * {@code GET /api/inspections/{reference}/known-to-agency.csv}: the agencies' known-to-agency returns,
 * children by agencies and questions, as a spreadsheet for LAIM to forward to the inspectors. Child-level
 * data: LAIM and the Business Unit only, never cached; each download is logged (who, which inspection).
 */
@RestController
public class KnownToAgencyController {

  private static final Logger log = LoggerFactory.getLogger(KnownToAgencyController.class);

  private final KnownToAgency knownToAgency;
  private final ScheduleRepository inspections;
  private final ThemeRegistry themes;
  private final CurrentUser user;

  public KnownToAgencyController(KnownToAgency knownToAgency, ScheduleRepository inspections, ThemeRegistry themes,
                                 CurrentUser user) {
    this.knownToAgency = knownToAgency;
    this.inspections = inspections;
    this.themes = themes;
    this.user = user;
  }

  @GetMapping("/api/inspections/{reference}/known-to-agency.csv")
  public ResponseEntity<byte[]> download(@PathVariable String reference) {
    user.requireAnyGroup(List.of(Roles.LAIM, Roles.BUSINESS_UNIT), "download the known-to-agency returns");
    InspectionSchedule inspection = inspections.find(reference)
        .orElseThrow(() -> new ApiExceptionHandler.NotFoundException("No inspection with reference " + reference));
    StringWriter csv = new StringWriter();
    csv.write('\uFEFF'); // so Excel reads UTF-8
    try (CSVPrinter printer = new CSVPrinter(csv, CSVFormat.EXCEL)) {
      for (List<String> line : knownToAgency.table(reference, themes.theme(inspection.theme()))) {
        printer.printRecord(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    log.info("Known-to-agency returns of {} downloaded by {}", reference, user.authentication().getUserId());
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore())
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(reference + "-known-to-agency.csv").build().toString())
        .body(csv.toString().getBytes(StandardCharsets.UTF_8));
  }
}
