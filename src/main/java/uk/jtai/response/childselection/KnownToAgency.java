package uk.jtai.response.childselection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.process.Standing;

/**
 * Bean {@code knownToAgency}: the Yes/No sheet of the first selection. Each agency's task shows one row
 * per child and question; LAIM's forwarding task shows children by agencies with the gaps marked, kept
 * current as returns arrive ({@link #refresh}); {@link #table} is the full sheet for the download. A child
 * an agency ticked as not known to it reads "Not known to us", its questions "Not applicable".
 */
@Component("knownToAgency")
public class KnownToAgency {

  public static final String KNOWN = "known";
  static final String NOT_RETURNED = "Not returned";
  static final String NOT_KNOWN_TO_US = "Not known to us";
  static final String NOT_APPLICABLE = "Not applicable";

  private final Inspections inspections;
  private final SelectedChildren selected;
  private final KnownToAgencyReturns returns;
  private final Partnership partnership;
  private final ChildReferences childReferences;
  private final ScheduleRepository schedules;
  private final WorkingCalendar calendar;
  private final ObjectMapper json = new ObjectMapper();

  public KnownToAgency(Inspections inspections, SelectedChildren selected, KnownToAgencyReturns returns,
                       Partnership partnership, ChildReferences childReferences, ScheduleRepository schedules,
                       WorkingCalendar calendar) {
    this.inspections = inspections;
    this.selected = selected;
    this.returns = returns;
    this.partnership = partnership;
    this.childReferences = childReferences;
    this.schedules = schedules;
    this.calendar = calendar;
  }

  /**
   * What LAIM's forwarding and audit-selection tasks say of the returns (a view, read each time the task is
   * opened): the agencies whose returns are not in, and those that returned after KNOWN_TO_AGENCY_DUE with when.
   * Agency names and times only, never a child.
   */
  public String status(VariableScope scope) {
    String reference = Standing.REFERENCE.get(scope);
    Map<String, Instant> returnedAt = returns.returnedAt(reference);
    Optional<Instant> due = schedules.due(reference, ChildSelectionVariables.KNOWN_TO_AGENCY_DUE);
    List<String> missing = new ArrayList<>();
    List<String> late = new ArrayList<>();
    for (String agency : inspections.caseAuditAgencies(scope)) {
      Instant at = returnedAt.get(agency);
      if (at == null) {
        missing.add(partnership.agencyName(agency));
      } else if (due.isPresent() && at.isAfter(due.get())) {
        late.add(partnership.agencyName(agency) + " (at " + calendar.spoken(at) + ")");
      }
    }
    String deadline = due.map(d -> " by " + calendar.spoken(d)).orElse("");
    StringBuilder text = new StringBuilder();
    if (missing.isEmpty()) {
      text.append(late.isEmpty() ? "Every agency returned" + deadline + "." : "Every agency has returned.");
    } else {
      text.append("Not returned yet: ").append(String.join(", ", missing)).append(". Returns were due").append(deadline)
          .append("; a late agency has been escalated and can still return: its answers appear here and in the "
              + "download when it does.");
    }
    if (!late.isEmpty()) {
      text.append(" Returned late: ").append(String.join(", ", late)).append(".");
    }
    return text.toString();
  }

  /** "known" then the theme's questions: (id, text). */
  public List<Theme.Question> questions(Theme theme) {
    List<Theme.Question> questions = new ArrayList<>();
    questions.add(new Theme.Question(KNOWN, "Is this child known to your agency?"));
    questions.addAll(theme.knownToAgency().questions());
    return questions;
  }

  /**
   * An agency's sheet: one row per child and question, in the inspectors' order, empty, or with the agency's
   * Yes and No already recorded when it is asked again after a correction of the 20 or its own correction (its
   * answers for the children not changed are kept; a child it had ticked as not known to it is ticked again in
   * {@link #notKnown}, its questions left empty as the form hides them).
   */
  public SpinJsonNode rows(VariableScope scope) {
    String reference = Standing.REFERENCE.get(scope);
    Map<String, Map<String, String>> kept = kept(scope, reference);
    ArrayNode rows = json.createArrayNode();
    List<String> children = selected.firstSelection(reference);
    List<Theme.Question> questions = questions(inspections.theme(scope));
    for (int c = 0; c < children.size(); c++) {
      for (Theme.Question question : questions) {
        String answer = kept.getOrDefault(children.get(c), Map.of()).getOrDefault(question.id(), "");
        rows.addObject().put("child", children.get(c)).put("childNumber", c + 1)
            .put("questionId", question.id()).put("question", question.text())
            .put("answer", answer.equals("yes") || answer.equals("no") ? answer : "");
      }
    }
    return Spin.JSON(rows.toString());
  }

  /**
   * The children of the 20 the agency has already said are not known to it, in the inspectors' order: its
   * reopened sheet shows them ticked under "Children not known to us" (none on a first sheet).
   */
  public SpinJsonNode notKnown(VariableScope scope) {
    String reference = Standing.REFERENCE.get(scope);
    Map<String, Map<String, String>> kept = kept(scope, reference);
    ArrayNode children = json.createArrayNode();
    for (String child : selected.firstSelection(reference)) {
      if (KnownToAgencyReturns.NOT_KNOWN.equals(kept.getOrDefault(child, Map.of()).get(KNOWN))) {
        children.add(child);
      }
    }
    return Spin.JSON(children.toString());
  }

  /** The agency's answers already recorded, by child and question (none outside an agency's task). */
  private Map<String, Map<String, String>> kept(VariableScope scope, String reference) {
    String agency = scope.hasVariable(Standing.AGENCY.name()) ? Standing.AGENCY.get(scope) : null;
    return agency == null ? Map.of() : returns.byAgency(reference).getOrDefault(agency, Map.of());
  }

  /** LAIM's view: per child, whether each agency knows the child ("Not returned" where it has not said). */
  public SpinJsonNode combined(VariableScope scope) {
    String reference = Standing.REFERENCE.get(scope);
    Map<String, Map<String, Map<String, String>>> byAgency = returns.byAgency(reference);
    ArrayNode rows = json.createArrayNode();
    for (String child : selected.firstSelection(reference)) {
      ObjectNode row = rows.addObject().put("child", child);
      for (String agency : inspections.caseAuditAgencies(scope)) {
        Map<String, Map<String, String>> agencyReturn = byAgency.get(agency);
        row.put(agency, agencyReturn == null ? NOT_RETURNED : words(agencyReturn.getOrDefault(child, Map.of()).get(KNOWN)));
      }
    }
    return Spin.JSON(rows.toString());
  }

  /** The columns of LAIM's view: the child, then one per agency of the theme's case-audit selection. */
  public SpinJsonNode columns(VariableScope scope) {
    ArrayNode columns = json.createArrayNode();
    columns.addObject().put("key", "child").put("label", childReferences.label());
    for (String agency : inspections.caseAuditAgencies(scope)) {
      columns.addObject().put("key", agency).put("label", partnership.agencyName(agency));
    }
    return Spin.JSON(columns.toString());
  }

  /** Where LAIM downloads the full sheet (authenticated; LAIM and the Business Unit only). */
  public String downloadLink(VariableScope scope) {
    return "/api/inspections/" + Standing.REFERENCE.get(scope) + "/known-to-agency.csv";
  }

  /**
   * The refresh step of child-selection models deployed before LAIM's task read the returns as a view
   * calls this; an inspection started on such a version finishes on it. Nothing is copied any more: the
   * forwarding task reads the returns from the table each time it is opened.
   */
  public void refresh(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
    // Intentionally empty: see above.
  }

  /** The full sheet: header, then one line per child with every agency's answer to every question. */
  public List<List<String>> table(String reference, Theme theme) {
    Map<String, Map<String, Map<String, String>>> byAgency = returns.byAgency(reference);
    List<Theme.Question> questions = questions(theme);
    List<List<String>> table = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of(childReferences.label()));
    List<String> agencies = inspections.caseAuditAgencies(reference, theme);
    for (String agency : agencies) {
      for (Theme.Question question : questions) {
        header.add(partnership.agencyName(agency) + ": " + question.text());
      }
    }
    table.add(header);
    for (String child : selected.firstSelection(reference)) {
      List<String> line = new ArrayList<>(List.of(child));
      for (String agency : agencies) {
        Map<String, Map<String, String>> agencyReturn = byAgency.get(agency);
        for (Theme.Question question : questions) {
          line.add(agencyReturn == null ? NOT_RETURNED : words(agencyReturn.getOrDefault(child, Map.of()).get(question.id())));
        }
      }
      table.add(line);
    }
    return table;
  }

  private static String words(String answer) {
    return switch (answer == null ? "" : answer) {
      case "yes" -> "Yes";
      case "no" -> "No";
      case KnownToAgencyReturns.NOT_KNOWN -> NOT_KNOWN_TO_US;
      case KnownToAgencyReturns.NOT_APPLICABLE -> NOT_APPLICABLE;
      default -> NOT_RETURNED;
    };
  }
}
