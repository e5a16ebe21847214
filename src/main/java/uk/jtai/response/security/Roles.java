package uk.jtai.response.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;

/**
 * The roles of the guidance as Camunda groups (candidate groups of the user tasks): the partnership
 * roles below, and per agency {@code <agency>} (lead contact and deputies) and {@code <agency>-senior}.
 */
public final class Roles {

  private Roles() {}

  public static final String BUSINESS_UNIT = "business-unit";
  public static final String LAIM = "laim";
  public static final String DCS = "dcs";
  public static final String INDEPENDENT_SCRUTINEER = "independent-scrutineer";
  public static final String ADMIN = "camunda-admin";

  /** Who coordinates the inspection and watches it in Cockpit. */
  public static final List<String> COORDINATORS = List.of(BUSINESS_UNIT, LAIM, DCS);

  /** Every group of the partnership (not the administrators), id to display name. */
  public static Map<String, String> groups(Partnership partnership) {
    Map<String, String> groups = new LinkedHashMap<>();
    groups.put(BUSINESS_UNIT, "Business Unit");
    groups.put(LAIM, "LA Inspection Manager");
    groups.put(DCS, "Director of Children's Services");
    groups.put(INDEPENDENT_SCRUTINEER, "Independent Scrutineer");
    for (Agency agency : partnership.agencies()) {
      groups.put(agency.id(), agency.shortName() + " lead contact and deputies");
      groups.put(agency.seniorGroup(), agency.shortName() + " senior approver");
    }
    return groups;
  }

  public static List<String> groupIds(Partnership partnership) {
    return new ArrayList<>(groups(partnership).keySet());
  }
}
