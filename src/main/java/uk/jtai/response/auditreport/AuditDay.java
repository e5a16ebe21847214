package uk.jtai.response.auditreport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.process.Standing;
import uk.jtai.response.security.Roles;

/**
 * Bean {@code auditDay}: the choices the Audit Day forms offer: who can chair (a person from a
 * statutory partner, guidance 9.13), who can write the report, which agencies can attend, and the case
 * records each agency shares for the audited children (9.17).
 */
@Component("auditDay")
public class AuditDay {

  private final Partnership partnership;
  private final Inspections inspections;
  private final IdentityService identity;
  private final ObjectMapper json = new ObjectMapper();

  public AuditDay(Partnership partnership, Inspections inspections, @Lazy IdentityService identity) {
    this.partnership = partnership;
    this.inspections = inspections;
    this.identity = identity;
  }

  /** The groups of the statutory partners: their lead contacts, deputies and senior approvers. */
  List<String> statutoryGroups() {
    List<String> groups = new ArrayList<>();
    for (Agency agency : partnership.statutoryPartners()) {
      groups.add(agency.id());
      groups.add(agency.seniorGroup());
    }
    return groups;
  }

  /** People who may chair the Audit Day: user id -> "Name (Agency)". */
  public Map<String, String> possibleChairs() {
    Map<String, String> people = new LinkedHashMap<>();
    for (Agency agency : partnership.statutoryPartners()) {
      for (String group : List.of(agency.id(), agency.seniorGroup())) {
        for (User user : members(group)) {
          people.putIfAbsent(user.getId(), name(user) + " (" + agency.shortName() + ")");
        }
      }
    }
    return people;
  }

  /** People who may write the audit report: anyone in the partnership's groups. */
  public Map<String, String> possibleAuthors() {
    Map<String, String> people = new LinkedHashMap<>();
    Roles.groups(partnership).forEach((group, groupName) -> {
      for (User user : members(group)) {
        people.putIfAbsent(user.getId(), name(user) + " (" + groupName + ")");
      }
    });
    return people;
  }

  public SpinJsonNode chairChoices(VariableScope scope) {
    return choices(possibleChairs());
  }

  public SpinJsonNode authorChoices(VariableScope scope) {
    return choices(possibleAuthors());
  }

  /** The agencies of the theme, for "which agencies attended". */
  public SpinJsonNode agencyChoices(VariableScope scope) {
    Map<String, String> agencies = new LinkedHashMap<>();
    inspections.agencies(scope).forEach(id -> agencies.put(id, partnership.agencyName(id)));
    return choices(agencies);
  }

  /** The agency's case records for the audited children, one row each: shared, or why not. */
  public SpinJsonNode caseRecordRows(VariableScope scope) {
    ArrayNode rows = json.createArrayNode();
    for (String record : inspections.theme(scope).caseRecordsOf(Standing.AGENCY.get(scope))) {
      rows.addObject().put("record", record).put("shared", false).put("rationale", "");
    }
    return Spin.JSON(rows.toString());
  }

  /**
   * The agencies the Audit Chair recorded as attending: they are asked to comment on each draft. While the
   * attendance is not recorded (the draft opened at the end of the Audit Day without the Chair's record), every
   * agency of the inspection may comment.
   */
  public List<String> attended(VariableScope scope) {
    var recorded = AuditReportVariables.ATTENDED.find(scope);
    if (recorded.isEmpty()) {
      return inspections.agencies(scope);
    }
    List<String> agencies = new ArrayList<>();
    recorded.get().elements().forEach(node -> agencies.add(node.stringValue()));
    return agencies;
  }

  /** The message that opens the draft when the Chair records the Audit Day before its end (AUDIT_DAY_RECORDED_DUE). */
  static final String AUDIT_DAY_RECORDED_MESSAGE = "auditDayRecorded";

  /** The Chair recorded the Audit Day: the draft opens now, unless the end of the Audit Day has opened it already. */
  public void recorded(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
    execution.getProcessEngineServices().getRuntimeService().createMessageCorrelation(AUDIT_DAY_RECORDED_MESSAGE)
        .processInstanceId(execution.getProcessInstanceId()).correlateAll();
  }

  public String venue(VariableScope scope) {
    return partnership.venue();
  }

  private List<User> members(String group) {
    return Context.getCommandContext() == null
        ? identity.createUserQuery().memberOfGroup(group).orderByUserId().asc().list()
        : Context.getCommandContext().runWithoutAuthorization(
            () -> identity.createUserQuery().memberOfGroup(group).orderByUserId().asc().list());
  }

  private static String name(User user) {
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).strip();
    return name.isEmpty() ? user.getId() : name;
  }

  private SpinJsonNode choices(Map<String, String> values) {
    ArrayNode choices = json.createArrayNode();
    values.forEach((value, label) -> choices.addObject().put("label", label).put("value", value));
    return Spin.JSON(choices.toString());
  }
}
