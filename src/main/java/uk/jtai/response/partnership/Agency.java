package uk.jtai.response.partnership;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * One agency of the partnership. Its id is also its Camunda candidate group (lead contact and
 * deputies), and {@code <id>-senior} is the group of its senior approver.
 */
public record Agency(
    @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]*", message = "must be lower-case letters, digits and hyphens") String id,
    @NotBlank String name,
    @NotBlank String shortName,
    boolean statutory,
    @NotBlank String seniorApprover,
    @Valid @NotNull Contact lead,
    @Valid @NotNull Contact deputy,
    @Valid @NotNull Contact senior) {

  public String seniorGroup() {
    return id + "-senior";
  }
}
