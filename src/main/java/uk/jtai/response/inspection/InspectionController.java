package uk.jtai.response.inspection;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.movedeadline.ScheduleMover;
import uk.jtai.response.security.Roles;
import uk.jtai.response.web.ApiExceptionHandler;
import uk.jtai.response.web.CurrentUser;

/** {@code /api/inspections}: start an inspection, read its schedule, move a deadline. */
@RestController
@RequestMapping("/api/inspections")
public class InspectionController {

  private final InspectionService inspections;
  private final ScheduleMover mover;
  private final CurrentUser user;
  private final ZoneId zone;

  public InspectionController(InspectionService inspections, ScheduleMover mover, CurrentUser user, WorkingCalendar calendar) {
    this.inspections = inspections;
    this.mover = mover;
    this.user = user;
    this.zone = calendar.zone();
  }

  /** {@code healthProviders} (optional): the health providers CQC named, by id (partnership file). */
  public record StartRequest(String reference, String theme, String notifiedAt, List<String> healthProviders) {}

  public record MilestoneView(String name, String title, int workingDay, String due) {}

  public record ScheduleView(String reference, String theme, String notifiedAt, List<MilestoneView> milestones) {}

  @PostMapping
  public ResponseEntity<ScheduleView> start(@RequestBody StartRequest request) {
    user.requireAnyGroup(List.of(Roles.DCS, Roles.BUSINESS_UNIT), "start an inspection");
    InspectionSchedule schedule = inspections.start(request.reference(), request.theme(), request.notifiedAt(),
        request.healthProviders());
    return ResponseEntity.created(URI.create("/api/inspections/" + schedule.reference())).body(view(schedule));
  }

  /** The inspection: its reference, theme, notification and schedule. */
  @GetMapping("/{reference}")
  public ScheduleView inspection(@PathVariable String reference) {
    return schedule(reference);
  }

  @GetMapping("/{reference}/schedule")
  public ScheduleView schedule(@PathVariable String reference) {
    return inspections.schedule(reference).map(this::view)
        .orElseThrow(() -> new ApiExceptionHandler.NotFoundException("No inspection with reference " + reference));
  }

  public record MoveRequest(String due, String reason) {}

  public record ChangeView(String name, String oldDue, String newDue, String reason, String movedBy, String movedAt) {}

  /**
   * Moves one milestone (the inspectors moved a date): its open tasks, timers and reminders follow, and
   * the change is recorded. Business Unit and LAIM only.
   */
  @PutMapping("/{reference}/milestones/{name}")
  public ScheduleView move(@PathVariable String reference, @PathVariable String name, @RequestBody MoveRequest request) {
    user.requireAnyGroup(List.of(Roles.BUSINESS_UNIT, Roles.LAIM), "move a deadline");
    try {
      mover.move(reference, name, request.due(), request.reason(), user.authentication().getUserId());
    } catch (java.util.NoSuchElementException e) {
      throw new ApiExceptionHandler.NotFoundException(e.getMessage());
    }
    return schedule(reference);
  }

  /** Every move of a milestone of the inspection: who, when, why, from and to. */
  @GetMapping("/{reference}/milestone-changes")
  public List<ChangeView> changes(@PathVariable String reference) {
    schedule(reference);
    return mover.changes(reference).stream().map(c -> new ChangeView(c.name(), local(c.oldDue()), local(c.newDue()),
        c.reason(), c.movedBy(), local(c.movedAt()))).toList();
  }

  private ScheduleView view(InspectionSchedule schedule) {
    return new ScheduleView(schedule.reference(), schedule.theme(), local(schedule.notifiedAt()),
        schedule.milestones().stream()
            .map(m -> new MilestoneView(m.name(), m.title(), m.workingDay(), local(m.due())))
            .toList());
  }

  private String local(Instant instant) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
  }
}
