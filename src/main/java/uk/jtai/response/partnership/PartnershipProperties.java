package uk.jtai.response.partnership;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code jtai.partnership}: the partnership running the service (York by default: partnership/york.yaml).
 * {@code audit-report-approvers} (optional): per statutory partner, who approves the audit report
 * ({@link ReportApprover}); a partner left out approves through its lead contact or deputy.
 */
@Validated
@ConfigurationProperties("jtai.partnership")
public record PartnershipProperties(
    @NotBlank String name,
    @NotBlank String shortName,
    @Valid @NotNull Contact businessUnit,
    @Valid @NotNull Contact dcs,
    @Valid @NotNull Contact laim,
    @Valid @NotNull Contact independentScrutineer,
    @NotBlank String venue,
    @Valid @NotNull ChildReference childReference,
    @NotBlank String auditToolLocation,
    @Valid @NotEmpty List<Agency> agencies,
    Map<String, ReportApprover> auditReportApprovers) {

  /** What a child's reference on the partnership's case system looks like (York: a MOSAIC number). */
  public record ChildReference(@NotBlank String label, @NotBlank String pattern, @NotBlank String description) {}
}
