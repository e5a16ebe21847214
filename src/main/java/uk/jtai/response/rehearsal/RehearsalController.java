package uk.jtai.response.rehearsal;

import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.security.Roles;
import uk.jtai.response.web.ApiExceptionHandler;
import uk.jtai.response.web.CurrentUser;

/**
 * {@code /api/rehearsals}: the Business Unit starts a rehearsal ("dry run") of an inspection, and cancels
 * one at any point, which deletes it and its data. Only references that start with REHEARSAL- are ever
 * cancelled here.
 */
@RestController
@RequestMapping("/api/rehearsals")
public class RehearsalController {

  private final RehearsalService rehearsals;
  private final CurrentUser user;
  private final ZoneId zone;

  public RehearsalController(RehearsalService rehearsals, CurrentUser user, WorkingCalendar calendar) {
    this.rehearsals = rehearsals;
    this.user = user;
    this.zone = calendar.zone();
  }

  /** Both optional: the current theme; 09:00 on the next working day. */
  public record StartRequest(String theme, String notifiedAt) {}

  public record RehearsalView(String reference, String theme, String notifiedAt, String schedule) {}

  @PostMapping
  public ResponseEntity<RehearsalView> start(@RequestBody(required = false) StartRequest request) {
    user.requireAnyGroup(List.of(Roles.BUSINESS_UNIT), "start a rehearsal");
    StartRequest asked = request == null ? new StartRequest(null, null) : request;
    RehearsalService.Started started = rehearsals.start(asked.theme(), asked.notifiedAt());
    String schedule = "/api/inspections/" + started.reference() + "/schedule";
    return ResponseEntity.created(URI.create("/api/inspections/" + started.reference()))
        .body(new RehearsalView(started.reference(), started.theme(),
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(started.notifiedAt().atZone(zone)), schedule));
  }

  @DeleteMapping("/{reference}")
  public ResponseEntity<Void> cancel(@PathVariable String reference) {
    user.requireAnyGroup(List.of(Roles.BUSINESS_UNIT), "cancel a rehearsal");
    try {
      rehearsals.cancel(reference, user.authentication().getUserId());
    } catch (RehearsalService.NoSuchRehearsalException e) {
      throw new ApiExceptionHandler.NotFoundException(e.getMessage());
    }
    return ResponseEntity.noContent().build();
  }
}
