package uk.jtai.response.contacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.process.BetweenInspections;
import uk.jtai.response.process.Standing;
import uk.jtai.response.security.ProcessStarters;
import uk.jtai.response.security.Roles;

/**
 * Bean {@code partnershipContacts}: the quarterly check that each agency's lead contact and deputies are
 * current and briefed (guidance 18.5), for bpmn/partnership-contacts.bpmn: when it starts, what the
 * partnership file holds for an agency, and the Business Unit's view of the answers.
 */
@Component("partnershipContacts")
public class PartnershipContacts {

  public static final String PROCESS_KEY = "partnership-contacts";
  public static final String QUARTERLY_PROCESS_KEY = "partnership-contacts-quarterly";
  static final String REVIEW_TASK = "Task_ReviewContacts";

  private final Partnership partnership;
  private final ContactsRepository repository;
  private final ContactsProperties properties;
  private final BetweenInspections between;
  private final RuntimeService runtime;
  private final ObjectMapper json = new ObjectMapper();

  public PartnershipContacts(Partnership partnership, ContactsRepository repository, ContactsProperties properties,
                             BetweenInspections between, @Lazy RuntimeService runtime) {
    this.partnership = partnership;
    this.repository = repository;
    this.properties = properties;
    this.between = between;
    this.runtime = runtime;
  }

  /** The quarter's timer has fired: starts the check (partnership-contacts-quarterly's one step). */
  public void startCheck() {
    runtime.startProcessInstanceByKey(PROCESS_KEY);
  }

  /** The timer cycle of the quarterly start (jtai.contacts.cycle). */
  public String cycle() {
    return properties.cycle();
  }

  /** Every agency of the partnership, whatever the theme. */
  public List<String> agencies() {
    return partnership.agencies().stream().map(Agency::id).toList();
  }

  /** What the partnership file holds for the agency, for it to confirm or correct. */
  public String current(VariableScope scope) {
    Agency agency = partnership.agency(Standing.AGENCY.get(scope));
    return "- Lead contact: " + agency.lead().name() + ", " + agency.lead().email() + "\n"
        + "- Deputy: " + agency.deputy().name() + ", " + agency.deputy().email() + "\n"
        + "- Senior approver: " + agency.seniorApprover() + " (" + agency.senior().name() + ", " + agency.senior().email() + ")";
  }

  /** The agencies that have not answered yet, by name ("" when all have). */
  public String missing(VariableScope scope) {
    Map<String, ContactsRepository.Answer> answers = answers(scope);
    return partnership.agencies().stream().filter(a -> !answers.containsKey(a.id())).map(Agency::shortName)
        .collect(Collectors.joining(", "));
  }

  /** The Business Unit's view: per agency, current or the changes asked, briefed, who answered and when. */
  public SpinJsonNode view(VariableScope scope) {
    Map<String, ContactsRepository.Answer> answers = answers(scope);
    ArrayNode rows = json.createArrayNode();
    for (Agency agency : partnership.agencies()) {
      ContactsRepository.Answer answer = answers.get(agency.id());
      if (answer == null) {
        rows.addObject().put("agency", agency.shortName()).put("answer", "Not returned").put("briefed", "").put("confirmed", "");
      } else {
        rows.addObject().put("agency", agency.shortName())
            .put("answer", answer.current() ? "Current" : "Changes: " + answer.changes())
            .put("briefed", answer.briefed() ? "Yes" : "No")
            .put("confirmed", between.day(answer.confirmedAt()) + (answer.confirmedBy() == null ? "" : " by " + answer.confirmedBy()));
      }
    }
    return Spin.JSON(rows.toString());
  }

  public SpinJsonNode columns() {
    ArrayNode columns = json.createArrayNode();
    columns.addObject().put("key", "agency").put("label", "Agency");
    columns.addObject().put("key", "answer").put("label", "Lead contact and deputies");
    columns.addObject().put("key", "briefed").put("label", "Briefed on their role");
    columns.addObject().put("key", "confirmed").put("label", "Answered");
    return Spin.JSON(columns.toString());
  }

  /** Whether any agency asked for a change to the partnership file. */
  public boolean changesAsked(VariableScope scope) {
    return answers(scope).values().stream().anyMatch(a -> !a.current());
  }

  /** After an agency's answer: brings the Business Unit's review task up to date (asynchronous step). */
  public void refresh(DelegateExecution execution) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(ContactsVariables.ANSWERS, view(execution));
    variables.put(ContactsVariables.MISSING, missing(execution));
    between.refreshTask(execution, REVIEW_TASK, variables);
  }

  private Map<String, ContactsRepository.Answer> answers(VariableScope scope) {
    return repository.answers(Standing.REFERENCE.get(scope)).stream()
        .collect(Collectors.toMap(ContactsRepository.Answer::agency, Function.identity()));
  }

  /** The Business Unit may check the contacts at any time, besides the quarterly timer. */
  @Bean
  static ProcessStarters contactsStarters() {
    return new ProcessStarters(PROCESS_KEY, List.of(Roles.BUSINESS_UNIT));
  }
}
