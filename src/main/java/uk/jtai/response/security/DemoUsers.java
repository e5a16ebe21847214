package uk.jtai.response.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;

/**
 * The demo profile's users: one per role, all with the documented demo password (README, "Demo users").
 * Known in every profile so that, outside the demo, start-up can refuse an account left behind by one
 * ({@link DemoAccountsCheck}); they are created only in profile {@code demo} ({@link IdentitySetup}).
 */
@Component
public class DemoUsers {

  private final Partnership partnership;
  private final String password;

  public DemoUsers(Partnership partnership, @Value("${jtai.demo.password}") String password) {
    this.partnership = partnership;
    this.password = password;
  }

  public record DemoUser(String id, String firstName, String lastName, String email, List<String> groups) {}

  public String password() {
    return password;
  }

  /** The ids of {@link #users()}: reserved for the demo. */
  public List<String> ids() {
    return users().stream().map(DemoUser::id).toList();
  }

  public List<DemoUser> users() {
    List<DemoUser> users = new ArrayList<>();
    users.add(new DemoUser("bu", "Business Unit", "Coordinator", partnership.businessUnit().email(), List.of(Roles.BUSINESS_UNIT)));
    users.add(new DemoUser("laim", "LA Inspection", "Manager", partnership.laim().email(), List.of(Roles.LAIM)));
    // The DCS is also the senior approver of any agency whose senior contact is the DCS (the local
    // authority's, guidance 7.12).
    List<String> dcsGroups = new ArrayList<>(List.of(Roles.DCS));
    partnership.agencies().stream().filter(this::seniorIsDcs).forEach(a -> dcsGroups.add(a.seniorGroup()));
    users.add(new DemoUser("dcs", "Director of", "Children's Services", partnership.dcs().email(), dcsGroups));
    users.add(new DemoUser("scrutineer", "Independent", "Scrutineer", partnership.independentScrutineer().email(),
        List.of(Roles.INDEPENDENT_SCRUTINEER)));
    for (Agency agency : partnership.agencies()) {
      users.add(new DemoUser(agency.id() + ".lead", agency.shortName(), "Lead contact", agency.lead().email(), List.of(agency.id())));
      users.add(new DemoUser(agency.id() + ".deputy", agency.shortName(), "Deputy", agency.deputy().email(), List.of(agency.id())));
      if (!seniorIsDcs(agency)) {
        users.add(new DemoUser(agency.id() + ".senior", agency.shortName(), "Senior approver", agency.senior().email(),
            List.of(agency.seniorGroup())));
      }
    }
    return users;
  }

  private boolean seniorIsDcs(Agency agency) {
    return agency.senior().email().equalsIgnoreCase(partnership.dcs().email());
  }
}
