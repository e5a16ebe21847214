package uk.jtai.response.auditreport;

import org.camunda.spin.json.SpinJsonNode;
import uk.jtai.response.process.Var;

/** Variables of bpmn/audit-day-and-report.bpmn. */
public final class AuditReportVariables {

  private AuditReportVariables() {}

  /** User ids: the Audit Chair (a person from a statutory partner) and the Audit Author (guidance 9.13, 9.14). */
  public static final Var<String> AUDIT_CHAIR = Var.of("auditChair", String.class);
  public static final Var<String> AUDIT_AUTHOR = Var.of("auditAuthor", String.class);
  /** The agencies that attended the Audit Day: they comment on the draft. */
  public static final Var<SpinJsonNode> ATTENDED = Var.of("attendedAgencies", SpinJsonNode.class);
  /** The current version of the audit report and where it is (a reference, not the report). */
  public static final Var<Integer> REPORT_VERSION = Var.of("reportVersion", Integer.class);
  public static final Var<String> REPORT_LOCATION = Var.of("reportLocation", String.class);

  /** The attendees' comment window on a draft, set when the draft is shared. */
  public static final String REPORT_COMMENTS_DUE = "REPORT_COMMENTS_DUE";
  public static final String AUDIT_REPORT_DUE = "AUDIT_REPORT_DUE";
  public static final String AUDIT_REPORT_WARNING = "AUDIT_REPORT_WARNING";
}
