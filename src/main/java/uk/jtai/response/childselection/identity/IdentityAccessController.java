package uk.jtai.response.childselection.identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.security.Roles;
import uk.jtai.response.web.ApiExceptionHandler;
import uk.jtai.response.web.CurrentUser;

/**
 * {@code GET /api/inspections/{reference}/identity-access}: for the DCS, who has seen, downloaded or recorded
 * the selected children's identifying details of an inspection, how often and when last: users and counts,
 * never the children. {@link IdentityAccessPage} shows the same to the DCS as a page.
 */
@RestController
public class IdentityAccessController {

  /** One user's accesses to one list. */
  public record Viewer(String userId, String list, String action, int count, Instant last) {}

  /** The record: totals per action, and each viewer. */
  public record Answer(String reference, Map<String, Integer> totals, List<Viewer> viewers) {}

  private final IdentityAccessRecord record;
  private final ScheduleRepository inspections;
  private final CurrentUser user;

  public IdentityAccessController(IdentityAccessRecord record, ScheduleRepository inspections, CurrentUser user) {
    this.record = record;
    this.inspections = inspections;
    this.user = user;
  }

  @GetMapping("/api/inspections/{reference}/identity-access")
  public ResponseEntity<Answer> accesses(@PathVariable String reference) {
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer(reference));
  }

  /** The record of the inspection, for the DCS only (the page and the JSON share it). */
  Answer answer(String reference) {
    user.requireAnyGroup(List.of(Roles.DCS), "see who has seen the children's identifying details");
    inspections.find(reference)
        .orElseThrow(() -> new ApiExceptionHandler.NotFoundException("No inspection with reference " + reference));
    Map<String, Integer> totals = new TreeMap<>();
    List<Viewer> viewers = record.summary(reference).stream().map(s -> {
      totals.merge(s.action(), s.count(), Integer::sum);
      return new Viewer(s.userId(), s.list(), s.action(), s.count(), s.last().toInstant());
    }).toList();
    return new Answer(reference, totals, viewers);
  }
}
