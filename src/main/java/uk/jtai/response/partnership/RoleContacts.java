package uk.jtai.response.partnership;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The partnership's roles and the mailboxes that reach them, in one place. Each role is a Camunda group:
 * the partnership's own roles (Business Unit, LAIM, DCS, Independent Scrutineer), one mailbox each, and
 * per agency {@code <agency>} (its lead contact and deputy) and {@code <agency>-senior} (its senior
 * approver). A model names an agency's roles relative to the agency its step is about: {@code lead},
 * {@code deputy}, {@code senior}.
 */
@Component
public class RoleContacts {

  public static final String BUSINESS_UNIT = "business-unit";
  public static final String LAIM = "laim";
  public static final String DCS = "dcs";
  public static final String INDEPENDENT_SCRUTINEER = "independent-scrutineer";

  /** The partnership's own roles, group id to display name, in the order e-mails and Tasklist list them. */
  public static final Map<String, String> PARTNERSHIP_ROLES = orderedRoles();

  /** The roles a model's {@code notify} may name: the step's agency's, then the partnership's. */
  public static final List<String> NAMED_ROLES = namedRoles();

  private final Partnership partnership;

  public RoleContacts(Partnership partnership) {
    this.partnership = partnership;
  }

  /** Every group of the partnership (not the administrators), id to display name. */
  public Map<String, String> groups() {
    Map<String, String> groups = new LinkedHashMap<>(PARTNERSHIP_ROLES);
    for (Agency agency : partnership.agencies()) {
      groups.put(agency.id(), agency.shortName() + " lead contact and deputies");
      groups.put(agency.seniorGroup(), agency.shortName() + " senior approver");
    }
    return groups;
  }

  /** The partnership's mailboxes for a group: nothing for a group that is not a role of the partnership. */
  public List<Contact> mailboxes(String group) {
    if (PARTNERSHIP_ROLES.containsKey(group)) {
      return List.of(partnershipRole(group));
    }
    for (Agency agency : partnership.agencies()) {
      if (agency.id().equals(group)) {
        return List.of(agency.lead(), agency.deputy());
      }
      if (agency.seniorGroup().equals(group)) {
        return List.of(agency.senior());
      }
    }
    return List.of();
  }

  /**
   * The contacts of the roles a model names ("lead, deputy, business-unit"); the agency's roles need the
   * agency the step is about.
   */
  public List<Contact> named(String roles, Agency agency) {
    List<Contact> contacts = new ArrayList<>();
    for (String listed : roles.split(",")) {
      String role = listed.strip();
      contacts.add(switch (role) {
        case "lead" -> of(agency, role).lead();
        case "deputy" -> of(agency, role).deputy();
        case "senior" -> of(agency, role).senior();
        default -> {
          if (!PARTNERSHIP_ROLES.containsKey(role)) {
            throw new IllegalArgumentException("unknown recipient role '" + role + "'; known: " + NAMED_ROLES);
          }
          yield partnershipRole(role);
        }
      });
    }
    return contacts;
  }

  private Contact partnershipRole(String role) {
    return switch (role) {
      case BUSINESS_UNIT -> partnership.businessUnit();
      case LAIM -> partnership.laim();
      case DCS -> partnership.dcs();
      case INDEPENDENT_SCRUTINEER -> partnership.independentScrutineer();
      default -> throw new IllegalArgumentException("'" + role + "' is not a role of the partnership");
    };
  }

  private static Agency of(Agency agency, String role) {
    if (agency == null) {
      throw new IllegalArgumentException("recipient role '" + role + "' needs the agency the step is about");
    }
    return agency;
  }

  private static Map<String, String> orderedRoles() {
    Map<String, String> roles = new LinkedHashMap<>();
    roles.put(BUSINESS_UNIT, "Business Unit");
    roles.put(LAIM, "LA Inspection Manager");
    roles.put(DCS, "Director of Children's Services");
    roles.put(INDEPENDENT_SCRUTINEER, "Independent Scrutineer");
    return java.util.Collections.unmodifiableMap(roles);
  }

  private static List<String> namedRoles() {
    List<String> roles = new ArrayList<>(List.of("lead", "deputy", "senior"));
    roles.addAll(PARTNERSHIP_ROLES.keySet());
    return List.copyOf(roles);
  }
}
