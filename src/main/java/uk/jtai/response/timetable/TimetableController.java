package uk.jtai.response.timetable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.security.Roles;
import uk.jtai.response.web.ApiExceptionHandler;
import uk.jtai.response.web.CurrentUser;

/**
 * {@code GET /api/inspections/{reference}/timetable.ics}: the inspection's deadlines as an iCalendar feed
 * for a calendar client to subscribe to (HTTP Basic, like all of /api), showing the caller what concerns
 * their groups. Any user of the partnership's groups may read it; it holds no child data.
 */
@RestController
public class TimetableController {

  static final MediaType CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

  private final ScheduleRepository schedules;
  private final Timetable timetable;
  private final CurrentUser user;
  private final Partnership partnership;

  public TimetableController(ScheduleRepository schedules, Timetable timetable, CurrentUser user, Partnership partnership) {
    this.schedules = schedules;
    this.timetable = timetable;
    this.user = user;
    this.partnership = partnership;
  }

  @GetMapping("/api/inspections/{reference}/timetable.ics")
  public ResponseEntity<String> timetable(@PathVariable String reference) {
    List<String> groups = user.authentication().getGroupIds() == null ? List.of() : user.authentication().getGroupIds();
    List<String> allowed = new ArrayList<>(Roles.groupIds(partnership));
    allowed.add(Roles.ADMIN);
    if (groups.stream().noneMatch(allowed::contains)) {
      throw new ApiExceptionHandler.ForbiddenException("Only users in the partnership's groups can read an inspection's timetable");
    }
    InspectionSchedule schedule = schedules.find(reference)
        .orElseThrow(() -> new ApiExceptionHandler.NotFoundException("No inspection with reference " + reference));
    return ResponseEntity.ok()
        .contentType(CALENDAR)
        .cacheControl(CacheControl.noCache().cachePrivate())
        .body(timetable.render(schedule, groups));
  }
}
