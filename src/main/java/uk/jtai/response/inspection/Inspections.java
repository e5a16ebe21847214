package uk.jtai.response.inspection;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Key;
import uk.jtai.response.tasks.Submission;

/**
 * What the models ask about the running inspection, as bean {@code inspections}; e.g. a step done by
 * every agency of the theme is a multi-instance over {@code ${inspections.agencies(execution)}}.
 */
@Component("inspections")
public class Inspections {

  private final ThemeRegistry themes;
  private final Partnership partnership;
  private final WorkingCalendar calendar;
  private final TakingPart takingPart;

  public Inspections(ThemeRegistry themes, Partnership partnership, WorkingCalendar calendar, TakingPart takingPart) {
    this.themes = themes;
    this.partnership = partnership;
    this.calendar = calendar;
    this.takingPart = takingPart;
  }

  /** A required date and time of something done for this inspection: not before day 1, not in the future. */
  public <R extends Record> Instant happenedSinceNotification(Submission submission, VariableScope scope, Key<R> field) {
    return submission.happenedSince(field, calendar.zone(), notificationDay(scope), "the day the inspection was notified");
  }

  public Theme theme(VariableScope scope) {
    return themes.theme(Standing.THEME.get(scope));
  }

  /** Day 1: the local date the lead inspector notified the DCS. */
  public LocalDate notificationDay(VariableScope scope) {
    return OffsetDateTime.parse(Standing.NOTIFIED_AT.get(scope)).toLocalDate();
  }

  /**
   * The ids of the agencies taking part in this inspection, in the theme file's order, each followed by its
   * providers chosen for this inspection ({@link TakingPart}: "health", then the health trusts taking part).
   */
  public List<String> agencies(VariableScope scope) {
    return takingPart.expand(Standing.REFERENCE.get(scope), theme(scope).agencies());
  }

  /**
   * The agencies that say which selected children are known to them and audit the children selected for
   * audit (the theme's {@code case-audit-agencies}, guidance 6.1), in the theme file's order, each followed by
   * its providers taking part.
   */
  public List<String> caseAuditAgencies(VariableScope scope) {
    return takingPart.expand(Standing.REFERENCE.get(scope), theme(scope).caseAuditAgencies());
  }

  /** {@link #caseAuditAgencies(VariableScope)} of the inspection {@code reference} of the theme. */
  public List<String> caseAuditAgencies(String reference, Theme theme) {
    return takingPart.expand(reference, theme.caseAuditAgencies());
  }

  /** The agencies taking part, by name, for people: "Local Authority, Police, Health, ...". */
  public String agencyNames(VariableScope scope) {
    return String.join(", ", agencies(scope).stream().map(partnership::agencyName).toList());
  }
}
