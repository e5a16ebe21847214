package uk.jtai.response.concerns;

import uk.jtai.response.inspection.TakingPart;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.security.Roles;
import uk.jtai.response.tasks.Key;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.web.ApiExceptionHandler;
import uk.jtai.response.web.CurrentUser;

/**
 * {@code POST /api/inspections/{reference}/concerns}: LAIM records an issue of concern the inspectors
 * raised (the agency and a summary); its handling starts at once. LAIM only.
 */
@RestController
public class ConcernController {

  private final IssuesOfConcern concerns;
  private final ScheduleRepository inspections;
  private final ThemeRegistry themes;
  private final CurrentUser user;
  private final TakingPart takingPart;

  public ConcernController(IssuesOfConcern concerns, ScheduleRepository inspections, ThemeRegistry themes,
                           CurrentUser user, TakingPart takingPart) {
    this.takingPart = takingPart;
    this.concerns = concerns;
    this.inspections = inspections;
    this.themes = themes;
    this.user = user;
  }

  public record ConcernRequest(String agency, String summary) {}

  public record ConcernCreated(long id, String reference, String agency) {}

  @PostMapping("/api/inspections/{reference}/concerns")
  public ResponseEntity<ConcernCreated> raise(@PathVariable String reference, @RequestBody ConcernRequest request) {
    user.requireAnyGroup(List.of(Roles.LAIM), "record an issue of concern");
    var inspection = inspections.find(reference)
        .orElseThrow(() -> new ApiExceptionHandler.NotFoundException("No inspection with reference " + reference));
    Map<String, Object> values = new HashMap<>();
    values.put(Key.nameOf(RecordConcernForm.Submitted::concernAgency), request.agency());
    values.put(Key.nameOf(RecordConcernForm.Submitted::concernSummary), request.summary());
    Submission submission = new Submission(values::get);
    RecordConcernForm.readConcern(submission, takingPart.agencies(reference, themes.theme(inspection.theme())));
    submission.verdict();
    long id = concerns.raise(reference, request.agency(), request.summary(), user.authentication().getUserId());
    return ResponseEntity.created(URI.create("/api/inspections/" + reference + "/concerns/" + id))
        .body(new ConcernCreated(id, reference, request.agency()));
  }
}
