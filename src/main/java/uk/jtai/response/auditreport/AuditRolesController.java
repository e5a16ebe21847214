package uk.jtai.response.auditreport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.security.Roles;
import uk.jtai.response.web.ApiExceptionHandler;
import uk.jtai.response.web.CurrentUser;

/**
 * {@code POST /api/inspections/{reference}/audit-roles}: the Business Unit reassigns the Audit Chair or the
 * Audit Author, {@code {"role":"chair"|"author","newUser","reason"}} (e.g. the Chair is ill); {@code GET} the
 * same path lists every change (who, when, why) to the coordinators. Business Unit only for a change.
 */
@RestController
public class AuditRolesController {

  private final AuditRoles roles;
  private final ScheduleRepository inspections;
  private final CurrentUser user;

  public AuditRolesController(AuditRoles roles, ScheduleRepository inspections, CurrentUser user) {
    this.roles = roles;
    this.inspections = inspections;
    this.user = user;
  }

  @PostMapping("/api/inspections/{reference}/audit-roles")
  public AuditRoles.Change reassign(@PathVariable String reference, @RequestBody Map<String, Object> request) {
    user.requireAnyGroup(List.of(Roles.BUSINESS_UNIT), "reassign the Audit Chair or Author");
    requireInspection(reference);
    // Only the three fields of the request are read: anything else a caller sends is ignored.
    Map<String, Object> fields = new HashMap<>();
    for (String field : List.of("role", "newUser", "reason")) {
      fields.put(field, request.get(field));
    }
    return roles.reassign(reference, fields, user.authentication().getUserId());
  }

  @GetMapping("/api/inspections/{reference}/audit-roles")
  public List<AuditRoles.Change> changes(@PathVariable String reference) {
    user.requireAnyGroup(Roles.COORDINATORS, "see the changes of Audit Chair and Author");
    requireInspection(reference);
    return roles.changes(reference);
  }

  private void requireInspection(String reference) {
    inspections.find(reference)
        .orElseThrow(() -> new ApiExceptionHandler.NotFoundException("No inspection with reference " + reference));
  }
}
