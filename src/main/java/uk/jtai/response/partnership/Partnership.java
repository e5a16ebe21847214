package uk.jtai.response.partnership;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The configured partnership, with lookups by agency id. */
@Component("partnership")
public class Partnership {

  private final PartnershipProperties properties;
  private final Map<String, Agency> agencies = new LinkedHashMap<>();

  public Partnership(PartnershipProperties properties) {
    this.properties = properties;
    for (Agency agency : properties.agencies()) {
      if (agencies.put(agency.id(), agency) != null) {
        throw new IllegalStateException("jtai.partnership.agencies: agency id '" + agency.id() + "' appears twice");
      }
    }
    for (Agency agency : agencies.values()) {
      if (agency.isProvider()) {
        Agency whole = agencies.get(agency.themeAgency());
        if (whole == null || whole.isProvider()) {
          throw new IllegalStateException("jtai.partnership.agencies: '" + agency.id() + "' is part-of '" + agency.themeAgency()
              + "', which is not an agency of the partnership named by the themes (an agency without part-of)");
        }
        if (agency.statutory()) {
          throw new IllegalStateException("jtai.partnership.agencies: '" + agency.id() + "' is part of '" + agency.themeAgency()
              + "' and cannot be a statutory partner itself: the statutory partner is '" + agency.themeAgency() + "'");
        }
      }
    }
    if (agencies.values().stream().noneMatch(Agency::statutory)) {
      throw new IllegalStateException("jtai.partnership.agencies: at least one agency must be a statutory partner");
    }
    if (properties.auditReportApprovers() != null) {
      properties.auditReportApprovers().forEach((agency, approver) -> {
        if (!find(agency).map(Agency::statutory).orElse(false)) {
          throw new IllegalStateException("jtai.partnership.audit-report-approvers: '" + agency + "' is not a statutory "
              + "partner of the partnership; only statutory partners approve the audit report (guidance 9.15)");
        }
        if (approver == null) {
          throw new IllegalStateException("jtai.partnership.audit-report-approvers." + agency
              + ": say lead-or-deputy or senior");
        }
      });
    }
  }

  /** Who approves the audit report for the statutory partner {@code agencyId} (partnership file; default lead or deputy). */
  public ReportApprover reportApprover(String agencyId) {
    Map<String, ReportApprover> approvers = properties.auditReportApprovers();
    return approvers == null ? ReportApprover.LEAD_OR_DEPUTY
        : approvers.getOrDefault(agencyId, ReportApprover.LEAD_OR_DEPUTY);
  }

  /** The candidate group of the audit report approval for the statutory partner {@code agencyId}. */
  public String reportApproverGroup(String agencyId) {
    return reportApprover(agencyId).group(agency(agencyId));
  }

  public String name() {
    return properties.name();
  }

  public String shortName() {
    return properties.shortName();
  }

  public Contact businessUnit() {
    return properties.businessUnit();
  }

  public Contact dcs() {
    return properties.dcs();
  }

  public Contact laim() {
    return properties.laim();
  }

  public Contact independentScrutineer() {
    return properties.independentScrutineer();
  }

  public String venue() {
    return properties.venue();
  }

  public PartnershipProperties.ChildReference childReference() {
    return properties.childReference();
  }

  /** Where the Multi-Agency Audit Tool and Chronology templates are (a secure location, named). */
  public String auditToolLocation() {
    return properties.auditToolLocation();
  }

  public List<Agency> agencies() {
    return List.copyOf(agencies.values());
  }

  /**
   * The providers that may take part in {@code themeAgency}'s steps when an inspection chooses them (the
   * health trusts of the integrated care board), in the partnership file's order; none for most agencies.
   */
  public List<Agency> providersOf(String themeAgency) {
    return agencies.values().stream().filter(a -> a.isProvider() && a.themeAgency().equals(themeAgency)).toList();
  }

  /** Every provider of the partnership (agencies with part-of), in the partnership file's order. */
  public List<Agency> providers() {
    return agencies.values().stream().filter(Agency::isProvider).toList();
  }

  public List<Agency> statutoryPartners() {
    return agencies.values().stream().filter(Agency::statutory).toList();
  }

  public Optional<Agency> find(String agencyId) {
    return Optional.ofNullable(agencies.get(agencyId));
  }

  public Agency agency(String agencyId) {
    return find(agencyId).orElseThrow(() -> new IllegalArgumentException("unknown agency '" + agencyId + "'"));
  }

  /** For models and templates: the agency's short name ("Police"). */
  public String agencyName(String agencyId) {
    return agency(agencyId).shortName();
  }
}
