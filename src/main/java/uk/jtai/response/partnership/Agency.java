package uk.jtai.response.partnership;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * One agency of the partnership. Its id is also its Camunda candidate group (lead contact and
 * deputies), and {@code <id>-senior} is the group of its senior approver.
 *
 * <p>{@code partOf} (optional) names the agency of the partnership this one is part of for the themes: a
 * health provider (an acute, community or mental-health trust, the ambulance service) is part of
 * {@code health}, the integrated care board that the theme files name. Whether a provider takes part is
 * decided per inspection ("CQC will determine which health agencies"); when it does, every step the
 * theme gives {@code health} runs for it too, with its own lead, deputy and senior.
 */
public record Agency(
    @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]*", message = "must be lower-case letters, digits and hyphens") String id,
    @NotBlank String name,
    @NotBlank String shortName,
    boolean statutory,
    @NotBlank String seniorApprover,
    @Valid @NotNull Contact lead,
    @Valid @NotNull Contact deputy,
    @Valid @NotNull Contact senior,
    @Pattern(regexp = "[a-z][a-z0-9-]*", message = "must be the id of another agency of the partnership") String partOf) {

  /** The agency the themes name for this one: {@code partOf}, or its own id. */
  public String themeAgency() {
    return partOf == null || partOf.isBlank() ? id : partOf;
  }

  /** Whether this agency is a provider taking part in the steps of another ({@code partOf}) when chosen. */
  public boolean isProvider() {
    return !themeAgency().equals(id);
  }

  public String seniorGroup() {
    return id + "-senior";
  }
}
