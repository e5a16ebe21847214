package uk.jtai.response.notify;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Contact;
import uk.jtai.response.partnership.Partnership;

/**
 * Turns the roles a model names ("lead, deputy, business-unit") into the partnership's contacts. The
 * agency roles (lead, deputy, senior) need the agency the step is about.
 */
@Component
public class Recipients {

  public static final List<String> ROLES = List.of("lead", "deputy", "senior", "business-unit", "dcs", "laim");

  private final Partnership partnership;

  public Recipients(Partnership partnership) {
    this.partnership = partnership;
  }

  public List<Contact> resolve(String roles, Agency agency) {
    List<Contact> contacts = new ArrayList<>();
    for (String role : roles.split(",")) {
      contacts.add(switch (role.strip()) {
        case "lead" -> agencyContact(agency, role).lead();
        case "deputy" -> agencyContact(agency, role).deputy();
        case "senior" -> agencyContact(agency, role).senior();
        case "business-unit" -> partnership.businessUnit();
        case "dcs" -> partnership.dcs();
        case "laim" -> partnership.laim();
        default -> throw new IllegalArgumentException("unknown recipient role '" + role.strip() + "'; known: " + ROLES);
      });
    }
    return contacts;
  }

  private static Agency agencyContact(Agency agency, String role) {
    if (agency == null) {
      throw new IllegalArgumentException("recipient role '" + role.strip() + "' needs the agency the step is about");
    }
    return agency;
  }
}
