package uk.jtai.response.childselection.identity;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import uk.jtai.response.calendar.CalendarProperties;

/**
 * {@code GET /inspections/{reference}/identity-access}: the DCS's page of who has seen, downloaded or recorded the
 * selected children's identifying details (issue 17), linked from the DCS's draft-report task and opened in the
 * same Tasklist session. Users, lists and counts, never a child; times in the partnership's zone.
 */
@Controller
public class IdentityAccessPage {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", java.util.Locale.UK);

  /** One line of the page: the viewer, the list in words, what they did, how often, when last (local time). */
  public record Line(String userId, String list, String action, int count, String last) {}

  private final IdentityAccessController record;
  private final ZoneId zone;

  public IdentityAccessPage(IdentityAccessController record, CalendarProperties calendar) {
    this.record = record;
    this.zone = calendar.zone();
  }

  @GetMapping("/inspections/{reference}/identity-access")
  public String page(@PathVariable String reference, Model model, HttpServletResponse response) {
    IdentityAccessController.Answer answer = record.answer(reference);
    List<Line> lines = answer.viewers().stream().map(v -> new Line(v.userId(), listInWords(v.list()), actionInWords(v.action()),
        v.count(), WHEN.format(v.last().atZone(zone)))).toList();
    model.addAttribute("reference", reference);
    model.addAttribute("lines", lines);
    model.addAttribute("totals", answer.totals().entrySet().stream()
        .map(total -> Map.entry(actionInWords(total.getKey()), total.getValue())).toList());
    response.setHeader("Cache-Control", "no-store");
    return "identity/access";
  }

  private static String listInWords(String list) {
    return switch (IdentityAccessRecord.ListName.valueOf(list)) {
      case FIRST_SELECTION -> "the children selected first (the 20)";
      case AUDIT_SELECTION -> "the children selected for audit (the 6)";
    };
  }

  private static String actionInWords(String action) {
    return switch (IdentityAccessRecord.Action.valueOf(action)) {
      case VIEW -> "viewed";
      case DOWNLOAD -> "downloaded as a spreadsheet";
      case RECORD -> "recorded";
    };
  }
}
