package uk.jtai.response.readiness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.process.BetweenInspections;

/**
 * The Business Unit's view of a readiness run: per agency and document, what is missing (not returned,
 * not uploaded, not approved, sign-off awaited, returned, concerns raised, re-check not re-confirmed),
 * as the rows of its task form and as the spreadsheet it downloads.
 */
@Component
public class EvidenceStatus {

  static final String NOTHING_MISSING = "Nothing missing";

  private final ReadinessRepository repository;
  private final ThemeRegistry themes;
  private final Partnership partnership;
  private final BetweenInspections between;
  private final ObjectMapper json = new ObjectMapper();

  public EvidenceStatus(ReadinessRepository repository, ThemeRegistry themes, Partnership partnership,
                        BetweenInspections between) {
    this.repository = repository;
    this.themes = themes;
    this.partnership = partnership;
    this.between = between;
  }

  /** One line of the view. */
  public record Line(String agency, String document, String answer, String approved, String rationale, String returnedBy,
                     String signedOff, String qualityAssurance, String missing) {}

  public List<Line> lines(String key) {
    ReadinessRepository.Run run = repository.run(key).orElseThrow(() -> new IllegalArgumentException("no readiness run " + key));
    Theme theme = themes.theme(run.theme());
    Map<String, ReadinessRepository.AgencyChecklist> checklists = repository.checklists(key).stream()
        .collect(Collectors.toMap(ReadinessRepository.AgencyChecklist::agency, Function.identity()));
    List<ReadinessRepository.Document> documents = new ArrayList<>(repository.documents(key));
    documents.sort(Comparator.comparingInt((ReadinessRepository.Document d) -> theme.agencies().indexOf(d.agency()))
        .thenComparingInt(ReadinessRepository.Document::position));
    List<Line> lines = new ArrayList<>();
    for (ReadinessRepository.Document document : documents) {
      ReadinessRepository.AgencyChecklist checklist = checklists.get(document.agency());
      lines.add(new Line(partnership.agencyName(document.agency()), document.title(), answer(document),
          document.seniorApproved() == null ? "" : document.seniorApproved() ? "Yes" : "No",
          document.rationale() == null ? "" : document.rationale(),
          when(checklist.confirmedAt(), checklist.confirmedBy()), when(checklist.signedOffAt(), checklist.signedOffBy()),
          qualityAssurance(checklist), missing(document, checklist)));
    }
    return lines;
  }

  /** "2 July 2027 by jo.bloggs", or "" when it has not happened. */
  private String when(java.time.Instant at, String by) {
    return at == null ? "" : between.day(at) + (by == null ? "" : " by " + by);
  }

  /** "Uploaded: <where>", "Not uploaded: <rationale>" or "Not returned". */
  static String answer(ReadinessRepository.Document document) {
    if (document.uploaded() == null) {
      return "Not returned";
    }
    return document.uploaded() ? "Uploaded: " + document.location() : "Not uploaded: " + document.rationale();
  }

  private String qualityAssurance(ReadinessRepository.AgencyChecklist checklist) {
    if (checklist.qualityAssurer() == null) {
      return "";
    }
    String by = partnership.agencyName(checklist.qualityAssurer());
    if (checklist.qualityAssurance() == null) {
      return "Asked of " + by;
    }
    return ("assured".equals(checklist.qualityAssurance()) ? "Assured by " : "Concerns raised by ") + by
        + (checklist.qualityComments() == null ? "" : ": " + checklist.qualityComments());
  }

  private String missing(ReadinessRepository.Document document, ReadinessRepository.AgencyChecklist checklist) {
    if (document.uploaded() == null) {
      return "Checklist not returned";
    }
    List<String> missing = new ArrayList<>();
    if (!document.uploaded()) {
      missing.add("Not uploaded (rationale given)");
    } else if (!Boolean.TRUE.equals(document.seniorApproved())) {
      missing.add("Approval by the senior authority not confirmed");
    }
    switch (checklist.state()) {
      case AWAITING_SIGN_OFF -> missing.add("Formal sign-off awaited");
      case RETURNED -> missing.add("Returned by the senior approver: " + checklist.returnedReason());
      case QUALITY_CONCERNS -> missing.add("Quality assurance concerns to resolve");
      case RECHECK_ASKED -> missing.add("Re-check not yet re-confirmed");
      case AWAITING_QUALITY_ASSURANCE -> missing.add("Quality assurance by "
          + partnership.agencyName(checklist.qualityAssurer()) + " awaited");
      default -> { }
    }
    return missing.isEmpty() ? NOTHING_MISSING : String.join("; ", missing);
  }

  /** The rows of the Business Unit's task form. */
  public SpinJsonNode rows(String key) {
    ArrayNode rows = json.createArrayNode();
    for (Line line : lines(key)) {
      rows.addObject().put("agency", line.agency()).put("document", line.document()).put("answer", line.answer())
          .put("signedOff", line.signedOff()).put("missing", line.missing());
    }
    return Spin.JSON(rows.toString());
  }

  public SpinJsonNode columns() {
    ArrayNode columns = json.createArrayNode();
    columns.addObject().put("key", "agency").put("label", "Agency");
    columns.addObject().put("key", "document").put("label", "Document");
    columns.addObject().put("key", "missing").put("label", "What is missing");
    columns.addObject().put("key", "answer").put("label", "Uploaded (where) or why not");
    columns.addObject().put("key", "signedOff").put("label", "Formal sign-off");
    return Spin.JSON(columns.toString());
  }

  /** The spreadsheet: a header, then one line per agency and document. */
  public List<List<String>> table(String key) {
    List<List<String>> table = new ArrayList<>();
    table.add(List.of("Agency", "Document", "What is missing", "Uploaded (where) or why not", "Approved by the senior authority",
        "Rationale", "Checklist returned", "Formal sign-off", "Quality assurance"));
    for (Line line : lines(key)) {
      table.add(List.of(line.agency(), line.document(), line.missing(), line.answer(), line.approved(), line.rationale(),
          line.returnedBy(), line.signedOff(), line.qualityAssurance()));
    }
    return table;
  }
}
