package uk.jtai.response.readiness;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import uk.jtai.response.security.Roles;
import uk.jtai.response.web.ApiExceptionHandler;
import uk.jtai.response.web.CsvDownload;
import uk.jtai.response.web.CurrentUser;

/**
 * {@code GET /api/readiness/{key}/evidence.csv}: per agency and document of a theme-readiness run, what
 * is missing, where each document is or why not, approval, sign-off and quality assurance. For the
 * Business Unit only (also with its Tasklist session, so the link in its task works).
 */
@RestController
public class ReadinessController {

  private final EvidenceStatus status;
  private final ReadinessRepository repository;
  private final CurrentUser user;

  public ReadinessController(EvidenceStatus status, ReadinessRepository repository, CurrentUser user) {
    this.status = status;
    this.repository = repository;
    this.user = user;
  }

  @GetMapping("/api/readiness/{key}/evidence.csv")
  public ResponseEntity<byte[]> evidence(@PathVariable String key) {
    user.requireAnyGroup(List.of(Roles.BUSINESS_UNIT), "download what documentary evidence is missing");
    if (!repository.exists(key)) {
      throw new ApiExceptionHandler.NotFoundException("No theme readiness with key " + key);
    }
    return CsvDownload.of(key + "-documentary-evidence.csv", status.table(key));
  }
}
