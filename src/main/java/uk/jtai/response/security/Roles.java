package uk.jtai.response.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.RoleContacts;

/**
 * The roles of the guidance as Camunda groups (candidate groups of the user tasks), for authorization:
 * the partnership's roles and, per agency, {@code <agency>} (lead contact and deputies) and
 * {@code <agency>-senior}; who they are and how to reach them is {@link RoleContacts}.
 */
public final class Roles {

  private Roles() {}

  public static final String BUSINESS_UNIT = RoleContacts.BUSINESS_UNIT;
  public static final String LAIM = RoleContacts.LAIM;
  public static final String DCS = RoleContacts.DCS;
  public static final String INDEPENDENT_SCRUTINEER = RoleContacts.INDEPENDENT_SCRUTINEER;
  public static final String ADMIN = "camunda-admin";

  /** Who coordinates the inspection and watches it in Cockpit. */
  public static final List<String> COORDINATORS = List.of(BUSINESS_UNIT, LAIM, DCS);

  /** Every group of the partnership (not the administrators), id to display name. */
  public static Map<String, String> groups(Partnership partnership) {
    return new RoleContacts(partnership).groups();
  }

  public static List<String> groupIds(Partnership partnership) {
    return new ArrayList<>(groups(partnership).keySet());
  }
}
