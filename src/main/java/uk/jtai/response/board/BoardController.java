package uk.jtai.response.board;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.security.Roles;
import uk.jtai.response.web.ApiExceptionHandler;
import uk.jtai.response.web.CurrentUser;

/**
 * {@code GET /api/inspections/{reference}/board}: where every agency stands at each step of the inspection
 * ({@link InspectionBoard}). The Business Unit, the LAIM and the DCS see every row; an agency's lead contacts,
 * deputies and senior approver see their own agency's row and the milestones; anyone else is refused (403)
 * before anything is read.
 */
@RestController
public class BoardController {

  private final InspectionBoard board;
  private final ScheduleRepository inspections;
  private final Partnership partnership;
  private final CurrentUser user;

  public BoardController(InspectionBoard board, ScheduleRepository inspections, Partnership partnership, CurrentUser user) {
    this.board = board;
    this.inspections = inspections;
    this.partnership = partnership;
    this.user = user;
  }

  @GetMapping("/api/inspections/{reference}/board")
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
}
