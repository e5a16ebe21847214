package uk.jtai.response.board;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.security.Roles;
import uk.jtai.response.web.ApiExceptionHandler;
import uk.jtai.response.web.CsvDownload;
import uk.jtai.response.web.CurrentUser;

/**
 * {@code GET /api/inspections/{reference}/board}: where every agency stands at each step of the inspection
 * ({@link InspectionBoard}), as JSON; {@code GET /inspections/{reference}/board} the same as a page, for those
 * without Cockpit (its link is on partners' tasks). The Business Unit, the LAIM and the DCS see every row; an
 * agency's lead contacts, deputies and senior approver see their own agency's row and the milestones; anyone else
 * is refused (403) before anything is read.
 */
@Controller
public class BoardController {

  static final int MIN_REFRESH_SECONDS = 2;

  private final InspectionBoard board;
  private final ScheduleRepository inspections;
  private final Partnership partnership;
  private final CurrentUser user;
  private final WorkingCalendar calendar;
  private final InspectionTimeline timeline;
  private final Debrief debrief;

  public BoardController(InspectionBoard board, ScheduleRepository inspections, Partnership partnership, CurrentUser user,
                         WorkingCalendar calendar, InspectionTimeline timeline, Debrief debrief) {
    this.debrief = debrief;
    this.timeline = timeline;
    this.calendar = calendar;
    this.board = board;
    this.inspections = inspections;
    this.partnership = partnership;
    this.user = user;
  }

  @GetMapping("/api/inspections/{reference}/board")
  @ResponseBody
  public InspectionBoard.Board board(@PathVariable String reference) {
    return board(schedule(reference));
  }

  /**
   * {@code GET /inspections/{reference}/timeline.svg}: the inspection's milestones on a timeline with today's line
   * ({@link InspectionTimeline}), for the same people as the board; the daily digest links to it.
   */
  @GetMapping(value = "/inspections/{reference}/timeline.svg", produces = "image/svg+xml")
  @ResponseBody
  public ResponseEntity<String> timeline(@PathVariable String reference) {
    InspectionSchedule schedule = schedule(reference);
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(timeline.svg(schedule, board(schedule)));
  }

  /**
   * {@code GET /api/inspections/{reference}/debrief.csv}: the lessons-learned debrief's figures ({@link Debrief}) as a
   * spreadsheet, for the Business Unit, the LAIM and the DCS only: per agency, then step by step.
   */
  @GetMapping("/api/inspections/{reference}/debrief.csv")
  public ResponseEntity<byte[]> debrief(@PathVariable String reference) {
    if (visibleRows() != null) {
      throw new ApiExceptionHandler.ForbiddenException("Only the Business Unit, the LAIM and the DCS can download the debrief's figures");
    }
    InspectionSchedule schedule = schedule(reference);
    List<List<String>> table = new ArrayList<>();
    table.add(List.of("Agency", "Deadlines", "On time", "Late", "Missed", "Nil returns", "Late by (working minutes, in all)",
        "Early by (working minutes, in all)", "Median lead on time (working minutes)", "Reminders", "Escalations",
        "Corrections"));
    for (Debrief.AgencyFigures f : debrief.figures(schedule)) {
      table.add(List.of(f.name(), num(f.deadlines()), num(f.onTime()), num(f.late()), num(f.missed()), num(f.nilReturns()),
          num(f.lateWorkingMinutes()), num(f.earlyWorkingMinutes()), num(f.medianLeadWorkingMinutes()), num(f.reminders()),
          num(f.escalations()),
          num(f.corrections())));
    }
    table.add(List.of());
    table.add(List.of("Agency", "Step", "Deadline", "Done", "State", "Working minutes after the deadline (negative: early)"));
    InspectionBoard.Board whole = board(schedule);
    Map<String, String> names = new HashMap<>();
    whole.rows().forEach(row -> names.put(row.agency(), row.name()));
    Map<String, String> steps = new HashMap<>();
    whole.columns().forEach(column -> steps.put(column.step(), column.name()));
    for (Debrief.StepFigures step : debrief.steps(schedule)) {
      table.add(List.of(names.get(step.agency()), steps.get(step.step()), calendar.spoken(step.due()),
          step.doneAt() == null ? "" : calendar.spoken(step.doneAt()), step.state().name(),
          step.workingMinutesAfterDeadline() == null ? "" : num(step.workingMinutesAfterDeadline())));
    }
    return CsvDownload.of(reference + "-debrief.csv", table);
  }

  private static String num(long value) {
    return Long.toString(value);
  }

  private InspectionBoard.Board board(InspectionSchedule schedule) {
    return board.of(schedule, visibleRows());
  }

  /** The rows the signed-in user may see (null: every row); 403 for someone who may see none. */
  private Set<String> visibleRows() {
    List<String> groups = user.authentication().getGroupIds() == null ? List.of() : user.authentication().getGroupIds();
    Set<String> rows = null; // every row
    if (Roles.COORDINATORS.stream().noneMatch(groups::contains)) {
      rows = new LinkedHashSet<>();
      for (Agency agency : partnership.agencies()) {
        if (groups.contains(agency.id()) || groups.contains(agency.seniorGroup())) {
          rows.add(agency.id());
        }
      }
      if (rows.isEmpty()) {
        throw new ApiExceptionHandler.ForbiddenException(
            "Only the Business Unit, the LAIM, the DCS and the agencies' own people can see an inspection's board");
      }
    }
    return rows;
  }

  /** The inspection, once the caller is known to be someone who may see a board: else 403 before anything is read. */
  private InspectionSchedule schedule(String reference) {
    visibleRows();
    return inspections.find(reference)
        .orElseThrow(() -> new ApiExceptionHandler.NotFoundException("No inspection with reference " + reference));
  }

  /**
   * The board as a page: a row per agency, the steps grouped by the working day they fall due; it reads itself again
   * every {@code refresh} seconds (a minute unless asked; at least {@value #MIN_REFRESH_SECONDS}) without a reload.
   */
  @GetMapping("/inspections/{reference}/board")
  public String page(@PathVariable String reference, @RequestParam(defaultValue = "60") int refresh, Model model) {
    InspectionSchedule schedule = schedule(reference);
    InspectionBoard.Board rows = board(schedule);
    model.addAttribute("board", BoardPage.of(rows, calendar));
    model.addAttribute("timeline", timeline.svg(schedule, rows));
    model.addAttribute("refreshSeconds", Math.max(MIN_REFRESH_SECONDS, Math.min(refresh, 3600)));
    return "board/board";
  }
}
