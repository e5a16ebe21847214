package uk.jtai.response.partnership;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import com.fasterxml.jackson.databind.InjectableValues;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JTAI theme ("deep dive"), read from one file in {@code themes/}: which agencies take part, how many
 * children the inspectors select, the Annex A lists and the deadlines; between inspections, the
 * documentary evidence each agency keeps ready and the evaluation criteria of the benchmarking
 * self-assessment. Adding a theme is adding a file.
 *
 * <p>A theme file may leave out the components listed in {@link #OPTIONAL_DEFAULTS} ({@link ThemeRegistry}
 * supplies their default); every other component is required. What a file must hold is the JSON Schema
 * src/main/resources/schema/theme.schema.json: a new component goes there as well, and at the end of the list.
 */
public record Theme(
    String id,
    String name,
    String framework,
    List<String> agencies,
    Selection selection,
    List<AnnexAItem> annexA,
    List<String> fieldworkMeetingTypes,
    KnownToAgency knownToAgency,
    List<MilestoneDefinition> milestones,
    Map<String, List<String>> caseRecords,
    Duration reportCommentWindow,
    FactualAccuracy factualAccuracy,
    Map<String, List<EvidenceDocument>> evidenceDocuments,
    List<EvaluationCriterion> evaluationCriteria,
    List<String> toComplete,
    List<String> caseAuditAgencies,
    List<String> sharedLists) {

  /**
   * The key of {@link #caseAuditAgencies} in a theme file: the agencies that say which selected children
   * are known to them and audit the children selected for audit (guidance 6.1: "a requirement for Local
   * Authority, Health and Police to submit this information plus any other agency relevant to the theme").
   * Left out, every agency of the theme takes part.
   */
  public static final String CASE_AUDIT_AGENCIES = "case-audit-agencies";

  /**
   * The milestones a theme file's {@code shared-lists} may name: the lists the annex-a model has a step for
   * (the local authority's first child-level data lists; every local agency's own list, paragraph 127).
   */
  public static final List<String> SHARED_LIST_STEPS = List.of("ANNEX_A_FIRST_LISTS_DUE", "AGENCY_THEME_LISTS_DUE");

  /**
   * After the draft report arrives (guidance section 17): agencies' comments are due to the DCS after
   * {@code agencyCommentsWorkingDays}; the DCS returns the coordinated comments after {@code returnWorkingDays} (9).
   */
  public record FactualAccuracy(int agencyCommentsWorkingDays, int returnWorkingDays) {}

  /**
   * The components a theme file may leave out, by their key in the file, and the value they then take:
   * a theme announced with only what is public still loads.
   */
  public static final Map<String, Object> OPTIONAL_DEFAULTS = Map.of(
      "case-records", Map.of(),
      "evidence-documents", Map.of(),
      "evaluation-criteria", List.of(),
      "to-complete", List.of(),
      "shared-lists", List.of());

  /**
   * One document of the documentary evidence an agency keeps ready between inspections (guidance 7): the
   * readiness checklist asks, per document, whether it is uploaded (and where), approved by the agency's
   * senior authority, or why it cannot be provided.
   */
  public record EvidenceDocument(String id, String title) {}

  /**
   * One evaluation criterion of the inspection framework (guidance 8.1): agencies rate themselves against
   * it (Red, Amber, Green) in the benchmarking self-assessment. {@code title} is the short label.
   */
  public record EvaluationCriterion(
      String id, String title, String text) {}

  /** The documents the agency keeps ready for this theme (empty when the theme lists none for it). */
  public List<EvidenceDocument> evidenceFor(String agency) {
    return evidenceDocuments.getOrDefault(agency, List.of());
  }

  /** The theme's agencies that keep documentary evidence for it, in the theme's order. */
  public List<String> agenciesWithEvidence() {
    return agencies.stream().filter(a -> !evidenceFor(a).isEmpty()).toList();
  }

  /** Whether the theme file says what a partnership must still complete in it. */
  public boolean incomplete() {
    return !toComplete.isEmpty();
  }

  /**
   * The Yes/No sheet each agency returns for the first selection (guidance 9.3 and 9.4): whether each
   * child is known to the agency, the framework's further questions, and how long agencies have, in
   * working time from the moment the selection is recorded.
   */
  public record KnownToAgency(Duration window, List<Question> questions) {}

  /** A Yes/No question asked about each selected child. */
  public record Question(String id, String text) {}

  /** How many children the inspectors select, first from the Annex A lists, then for audit. */
  public record Selection(Range first, Range audit, Range childAge) {

    /** JTAI inspects the response to children: under 18. */
    public static final Range CHILDREN = new Range(0, 17);

    public Selection {
      childAge = childAge == null ? CHILDREN : childAge;
    }

    public Selection(Range first, Range audit) {
      this(first, audit, null);
    }
  }

  public record Range(int min, int max) {
    public boolean contains(int n) {
      return n >= min && n <= max;
    }

    @Override
    public String toString() {
      return min == max ? Integer.toString(min) : min + " to " + max;
    }
  }

  /** One item the local authority submits as Annex A (a child-level list or a report). */
  public record AnnexAItem(String id, String title) {}

  /**
   * A deadline as the guidance states it: working day N (day 1 = notification day) at a local time.
   * Optional: {@code moves-with}, another milestone this one follows when the inspectors move that one
   * (the day 9 warning follows the audit report deadline); {@code for}, whom it concerns when not everyone
   * (agencies of the theme or partnership roles; the timetable feed shows it only to them and the coordinators), and {@code reminders}, the
   * reminder e-mails before it as ISO-8601 durations, replacing {@code jtai.reminders.before} (whole days
   * count as working days back at the same time, {@code P1D}; hours as clock time, {@code PT2H}).
   */
  public record MilestoneDefinition(
      String name,
      int day,
      LocalTime time,
      String title,
      String movesWith,
      List<String> audience,
      List<Duration> reminders) {

    /** Read from a theme file, where {@code moves-with}, {@code for} and {@code reminders} may be left out. */
    @JsonCreator
    public MilestoneDefinition(
        @JsonProperty("name") String name,
        @JsonProperty("day") int day,
        @JsonProperty("time") LocalTime time,
        @JsonProperty("title") String title,
        @JsonProperty("moves-with") String movesWith,
        @JsonProperty("for") @JacksonInject(value = NOBODY_NAMED, useInput = OptBoolean.TRUE) List<String> audience,
        @JsonProperty("reminders") @JacksonInject(value = DEFAULT_REMINDERS, useInput = OptBoolean.TRUE) List<Duration> reminders) {
      this.name = name;
      this.day = day;
      this.time = time;
      this.title = title;
      this.movesWith = movesWith;
      this.audience = audience;
      this.reminders = reminders;
    }

    /** A deadline that concerns everyone, follows no other and keeps the default reminders. */
    public MilestoneDefinition(String name, int day, LocalTime time, String title) {
      this(name, day, time, title, null, List.of(), null);
    }

    /** Everyone, when the file names no one. */
    public boolean concernsEveryone() {
      return audience.isEmpty();
    }

    /** The theme's own reminders before this deadline, if it sets them. */
    public Optional<List<Duration>> ownReminders() {
      return Optional.ofNullable(reminders);
    }
  }

  // Optional fields of a theme file: left out, they take these values (any other missing field fails).
  static final String NOBODY_NAMED = "theme.milestone.for";
  static final String DEFAULT_REMINDERS = "theme.milestone.reminders";

  /** The values of the optional fields left out of a theme file, for its reader. */
  static InjectableValues optionalFields() {
    java.util.Map<String, Object> values = new java.util.HashMap<>();
    values.put(NOBODY_NAMED, List.of());
    values.put(DEFAULT_REMINDERS, null); // jtai.reminders.before
    return new InjectableValues.Std(values);
  }

  /** The case records an agency shares for each audited child (guidance 9.17); none listed: none asked. */
  public List<String> caseRecordsOf(String agency) {
    return caseRecords.getOrDefault(agency, List.of());
  }

  /**
   * The agencies that share the list due at {@code milestone} (one of {@link #sharedLists}): those of the
   * theme's agencies the milestone's {@code for} names, or every agency of the theme when it names none.
   */
  public List<String> agenciesSharing(String milestone) {
    MilestoneDefinition definition = milestone(milestone)
        .orElseThrow(() -> new IllegalArgumentException("'" + milestone + "' is not a milestone of theme " + id));
    return definition.concernsEveryone() ? agencies : agencies.stream().filter(definition.audience()::contains).toList();
  }

  public Optional<MilestoneDefinition> milestone(String name) {
    return milestones.stream().filter(m -> m.name().equals(name)).findFirst();
  }
}
