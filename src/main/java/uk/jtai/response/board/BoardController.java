package uk.jtai.response.board;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.security.Roles;
import uk.jtai.response.web.ApiExceptionHandler;
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

  private final InspectionBoard board;
  private final ScheduleRepository inspections;
  private final Partnership partnership;
  private final CurrentUser user;
  private final WorkingCalendar calendar;

  public BoardController(InspectionBoard board, ScheduleRepository inspections, Partnership partnership, CurrentUser user,
                         WorkingCalendar calendar) {
    this.calendar = calendar;
    this.board = board;
    this.inspections = inspections;
    this.partnership = partnership;
    this.user = user;
  }

  @GetMapping("/api/inspections/{reference}/board")
  @ResponseBody
  public InspectionBoard.Board board(@PathVariable String reference) {
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
    InspectionSchedule schedule = inspections.find(reference)
        .orElseThrow(() -> new ApiExceptionHandler.NotFoundException("No inspection with reference " + reference));
    return board.of(schedule, rows);
  }

  /** The board as a page: a row per agency, the steps grouped by the working day they fall due; it refreshes itself. */
  @GetMapping("/inspections/{reference}/board")
  public String page(@PathVariable String reference, Model model) {
    model.addAttribute("board", BoardPage.of(board(reference), calendar));
    return "board/board";
  }
}
