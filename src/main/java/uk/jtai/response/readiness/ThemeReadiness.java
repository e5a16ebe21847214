package uk.jtai.response.readiness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.process.BetweenInspections;
import uk.jtai.response.process.Standing;
import uk.jtai.response.security.ProcessStarters;
import uk.jtai.response.security.Roles;

/**
 * Bean {@code readiness}: what bpmn/theme-readiness.bpmn asks about a run: which agencies keep evidence,
 * each agency's checklist and where it stands, its deadlines, and the Business Unit's view of what is
 * missing ({@link EvidenceStatus}). The run is the process's business key.
 */
@Component("readiness")
public class ThemeReadiness {

  public static final String PROCESS_KEY = "theme-readiness";
  static final String TRACK_TASK = "Task_TrackEvidence";

  private final ReadinessRepository repository;
  private final ThemeRegistry themes;
  private final Partnership partnership;
  private final BetweenInspections between;
  private final ReadinessProperties properties;
  private final EvidenceStatus status;
  private final ObjectMapper json = new ObjectMapper();

  public ThemeReadiness(ReadinessRepository repository, ThemeRegistry themes, Partnership partnership,
                        BetweenInspections between, ReadinessProperties properties, EvidenceStatus status) {
    this.repository = repository;
    this.themes = themes;
    this.partnership = partnership;
    this.between = between;
    this.properties = properties;
    this.status = status;
  }

  static String key(VariableScope scope) {
    return Standing.REFERENCE.get(scope);
  }

  static String agency(VariableScope scope) {
    return Standing.AGENCY.get(scope);
  }

  /** The agencies asked for evidence in this run, in the theme file's order. */
  public List<String> agencies(VariableScope scope) {
    Theme theme = themes.theme(Standing.THEME.get(scope));
    return repository.agencies(key(scope)).stream()
        .sorted(Comparator.comparingInt(a -> theme.agencies().indexOf(a)))
        .toList();
  }

  /**
   * When an agency's step is due: the Business Unit's deadline while it is ahead; after it (a return, a
   * re-check, a quality assurance) the end of the working day jtai.readiness.response-working-days away.
   */
  public Date due(VariableScope scope) {
    return between.dueOrWorkingDaysFromNow(ReadinessVariables.READINESS_DUE.get(scope), properties.responseWorkingDays());
  }

  /** The agency's checklist as the form's rows, with its latest answers (nothing ticked the first time). */
  public SpinJsonNode checklist(VariableScope scope) {
    ArrayNode rows = json.createArrayNode();
    for (ReadinessRepository.Document document : repository.documents(key(scope), agency(scope))) {
      rows.addObject().put("document", document.document()).put("title", document.title())
          .put("uploaded", Boolean.TRUE.equals(document.uploaded()))
          .put("location", document.location() == null ? "" : document.location())
          .put("seniorApproved", Boolean.TRUE.equals(document.seniorApproved()))
          .put("rationale", document.rationale() == null ? "" : document.rationale());
    }
    return Spin.JSON(rows.toString());
  }

  /** Why the agency is asked now, in words for the top of its checklist. */
  public String checklistNote(VariableScope scope) {
    ReadinessRepository.AgencyChecklist checklist = repository.checklist(key(scope), agency(scope));
    String location = ReadinessVariables.EVIDENCE_LOCATION.get(scope);
    return switch (checklist.state()) {
      case RETURNED -> "Your senior approver returned the checklist: " + checklist.returnedReason();
      case QUALITY_CONCERNS -> partnership.agencyName(checklist.qualityAssurer())
          + " quality-assured your evidence and raised concerns: " + checklist.qualityComments();
      case RECHECK_ASKED -> "Periodic re-check " + (checklist.round() - 1) + ": check that each document in " + location
          + " is still the correct, current version, correct the checklist where it is not, and re-confirm it.";
      default -> "The Business Unit has set up the filing structure for this theme in " + location
          + ". Upload each document there and complete the checklist.";
    };
  }

  /** The other agencies of the run, as the choices of "ask another agency to quality-assure". */
  public SpinJsonNode qualityAssurerOptions(VariableScope scope) {
    ArrayNode options = json.createArrayNode();
    for (String other : agencies(scope)) {
      if (!other.equals(agency(scope))) {
        options.addObject().put("label", partnership.agencyName(other)).put("value", other);
      }
    }
    return Spin.JSON(options.toString());
  }

  /** The agency's checklist as a read-only table, for its senior and for the agency quality-assuring it. */
  public SpinJsonNode checklistView(VariableScope scope) {
    ArrayNode rows = json.createArrayNode();
    for (ReadinessRepository.Document document : repository.documents(key(scope), agency(scope))) {
      rows.addObject().put("document", document.title())
          .put("answer", EvidenceStatus.answer(document))
          .put("approved", Boolean.TRUE.equals(document.seniorApproved()) ? "Yes" : "No");
    }
    return Spin.JSON(rows.toString());
  }

  public SpinJsonNode checklistViewColumns() {
    ArrayNode columns = json.createArrayNode();
    columns.addObject().put("key", "document").put("label", "Document");
    columns.addObject().put("key", "answer").put("label", "Uploaded (where) or why not");
    columns.addObject().put("key", "approved").put("label", "Approved by the senior authority");
    return Spin.JSON(columns.toString());
  }

  public String seniorApprover(VariableScope scope) {
    return partnership.agency(agency(scope)).seniorApprover();
  }

  public String agencyName(VariableScope scope) {
    return partnership.agencyName(agency(scope));
  }

  public boolean signedOff(VariableScope scope) {
    EvidenceState state = repository.checklist(key(scope), agency(scope)).state();
    return state == EvidenceState.SIGNED_OFF || state == EvidenceState.AWAITING_QUALITY_ASSURANCE;
  }

  public boolean qualityAssuranceAsked(VariableScope scope) {
    return repository.checklist(key(scope), agency(scope)).state() == EvidenceState.AWAITING_QUALITY_ASSURANCE;
  }

  public boolean qualityConcerns(VariableScope scope) {
    return repository.checklist(key(scope), agency(scope)).state() == EvidenceState.QUALITY_CONCERNS;
  }

  /** The group of the agency asked to quality-assure (its lead contact and deputies). */
  public String qualityAssurer(VariableScope scope) {
    return Optional.ofNullable(repository.checklist(key(scope), agency(scope)).qualityAssurer())
        .orElseThrow(() -> new IllegalStateException("no agency was asked to quality-assure " + agency(scope)));
  }

  /**
   * The re-check cycle has come round: the agency's next round begins (documents added to the theme file
   * since are added to its checklist) and the Business Unit's view shows it.
   */
  public void askRecheck(DelegateExecution execution) {
    String agency = agency(execution);
    Theme theme = themes.theme(Standing.THEME.get(execution));
    repository.addMissingDocuments(key(execution), agency, theme.evidenceFor(agency));
    repository.recordRecheckAsked(key(execution), agency);
    refresh(execution);
  }

  /** Brings the Business Unit's open view up to date (an asynchronous step after each agency's step). */
  public void refresh(DelegateExecution execution) {
    between.refreshTask(execution, TRACK_TASK, Map.of(ReadinessVariables.EVIDENCE_STATUS, evidenceStatus(execution)));
  }

  public SpinJsonNode evidenceStatus(VariableScope scope) {
    return status.rows(key(scope));
  }

  public SpinJsonNode evidenceStatusColumns() {
    return status.columns();
  }

  /** Where the Business Unit downloads the status (authenticated; the Business Unit only). */
  public String downloadLink(VariableScope scope) {
    return "/api/readiness/" + key(scope) + "/evidence.csv";
  }

  /** What the theme file says the partnership must still complete, for the Business Unit ("" if nothing). */
  public String toComplete(VariableScope scope) {
    Theme theme = themes.theme(Standing.THEME.get(scope));
    return theme.incomplete() ? "- " + String.join("\n- ", theme.toComplete()) : "";
  }

  /** The theme the partnership is getting ready for now: that of the open readiness run started last. */
  public Optional<String> currentTheme() {
    return repository.latestOpenTheme();
  }

  /** The Business Unit starts readiness for a theme (7.7). */
  @Bean
  static ProcessStarters readinessStarters() {
    return new ProcessStarters(PROCESS_KEY, List.of(Roles.BUSINESS_UNIT));
  }
}
