package uk.jtai.response.partnership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Roles and the partnership's mailboxes that reach them: the one mapping every e-mail uses. Milliseconds. */
class RoleContactsTest {

  final Partnership york = PartnershipFixtures.york();
  final RoleContacts roles = new RoleContacts(york);

  @Test
  void eachGroupReachesItsMailboxes() {
    assertThat(roles.mailboxes("business-unit")).extracting(Contact::email).containsExactly("cyscp@york.gov.uk");
    assertThat(roles.mailboxes("laim")).extracting(Contact::email).containsExactly("inspection.manager@york.example");
    assertThat(roles.mailboxes("dcs")).extracting(Contact::email).containsExactly("dcs@york.example");
    assertThat(roles.mailboxes("independent-scrutineer")).extracting(Contact::email)
        .containsExactly("independent.scrutineer@york.example");
    assertThat(roles.mailboxes("police")).extracting(Contact::email)
        .containsExactly("police.lead@york.example", "police.deputy@york.example");
    assertThat(roles.mailboxes("police-senior")).extracting(Contact::email).containsExactly("police.senior@york.example");
    assertThat(roles.mailboxes("no-such-group")).isEmpty();
  }

  @Test
  void theRolesAModelNamesAreTheStepsAgencysAndThePartnerships() {
    Agency police = york.agency("police");
    assertThat(roles.named("lead, deputy,senior", police)).extracting(Contact::email)
        .containsExactly("police.lead@york.example", "police.deputy@york.example", "police.senior@york.example");
    assertThat(roles.named("business-unit,dcs, laim", null)).extracting(Contact::email)
        .containsExactly("cyscp@york.gov.uk", "dcs@york.example", "inspection.manager@york.example");
    assertThatThrownBy(() -> roles.named("lead", null)).hasMessageContaining("needs the agency");
    assertThatThrownBy(() -> roles.named("chief", police)).hasMessageContaining("unknown recipient role 'chief'");
  }

  @Test
  void everyGroupHasADisplayNameAndAMailbox() {
    assertThat(roles.groups()).containsEntry("business-unit", "Business Unit")
        .containsEntry("police", "Police lead contact and deputies").containsEntry("police-senior", "Police senior approver");
    roles.groups().keySet().forEach(group -> assertThat(roles.mailboxes(group)).as(group).isNotEmpty());
  }
}
