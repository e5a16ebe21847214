package uk.jtai.response.readiness;

/** Where an agency's documentary evidence checklist stands in a theme-readiness run. */
public enum EvidenceState {
  /** Asked for the first time; nothing returned yet. */
  ASKED,
  /** Returned by the agency; its senior's formal sign-off is awaited. */
  AWAITING_SIGN_OFF,
  /** Returned to the agency by its senior, with a reason. */
  RETURNED,
  /** Signed off by the senior; another agency's quality assurance is awaited. */
  AWAITING_QUALITY_ASSURANCE,
  /** The agency that quality-assured it raised concerns; the agency corrects its checklist. */
  QUALITY_CONCERNS,
  /** Signed off (and quality-assured where asked); kept until the next re-check. */
  SIGNED_OFF,
  /** The periodic re-check has asked the agency to re-confirm; the previous answers stand until it does. */
  RECHECK_ASKED
}
