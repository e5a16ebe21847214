package uk.jtai.response.partnership;

/**
 * Who approves the audit report for a statutory partner (guidance 9.15), as the partnership file says:
 * {@code lead-or-deputy}, the agency's lead contact or a deputy (its group, {@code <id>}), or {@code senior},
 * its senior approver ({@code <id>-senior}).
 */
public enum ReportApprover {
  LEAD_OR_DEPUTY,
  SENIOR;

  /** The Camunda candidate group that approves for {@code agency}. */
  public String group(Agency agency) {
    return this == SENIOR ? agency.seniorGroup() : agency.id();
  }
}
