package uk.jtai.response.partnership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The partnership file's audit-report-approvers (guidance 9.15): who approves for each statutory partner. */
class ReportApproversTest {

  @Test
  void yorkHasEachStatutoryPartnerApproveThroughItsLeadContactOrDeputy() {
    Partnership york = PartnershipFixtures.york();
    for (Agency partner : york.statutoryPartners()) {
      assertThat(york.reportApprover(partner.id())).as(partner.id()).isEqualTo(ReportApprover.LEAD_OR_DEPUTY);
      assertThat(york.reportApproverGroup(partner.id())).as(partner.id()).isEqualTo(partner.id());
    }
    assertThat(york.statutoryPartners()).extracting(Agency::id).containsExactly("la", "police", "health");
  }

  @Test
  void aPartnershipCanHaveAPartnersSeniorApprove() {
    Partnership partnership = PartnershipFixtures.york(Map.of("jtai.partnership.audit-report-approvers.police", "senior"));
    assertThat(partnership.reportApproverGroup("police")).isEqualTo("police-senior");
    assertThat(partnership.reportApproverGroup("la")).isEqualTo("la");
  }

  @Test
  void onlyAStatutoryPartnerCanBeGivenAnApprover() {
    assertThatThrownBy(() -> PartnershipFixtures.york(Map.of("jtai.partnership.audit-report-approvers.probation", "senior")))
        .hasMessageContaining("audit-report-approvers: 'probation' is not a statutory partner");
  }
}
