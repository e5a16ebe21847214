package uk.jtai.response.partnership;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JTAI theme ("deep dive"), read from one file in {@code themes/}: which agencies take part, how many
 * children the inspectors select, the Annex A lists and the deadlines. Adding a theme is adding a file.
 */
public record Theme(
    @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]*") String id,
    @NotBlank String name,
    @NotBlank String framework,
    @NotEmpty List<@NotBlank String> agencies,
    @Valid @NotNull Selection selection,
    @Valid @NotEmpty List<AnnexAItem> annexA,
    @NotEmpty List<@NotBlank String> fieldworkMeetingTypes,
    @Valid @NotNull KnownToAgency knownToAgency,
    @Valid @NotEmpty List<MilestoneDefinition> milestones,
    @NotNull Map<String, List<@NotBlank String>> caseRecords,
    @NotNull Duration reportCommentWindow,
    @Valid @NotNull FactualAccuracy factualAccuracy) {

  /**
   * After the draft report arrives (guidance section 17): agencies' comments are due to the DCS after
   * {@code agencyCommentsWorkingDays}; the DCS returns the coordinated comments after {@code returnWorkingDays} (9).
   */
  public record FactualAccuracy(@Min(1) int agencyCommentsWorkingDays, @Min(1) int returnWorkingDays) {}

  /**
   * The Yes/No sheet each agency returns for the first selection (guidance 9.3 and 9.4): whether each
   * child is known to the agency, the framework's further questions, and how long agencies have, in
   * working time from the moment the selection is recorded.
   */
  public record KnownToAgency(@NotNull Duration window, @Valid @NotNull List<Question> questions) {}

  /** A Yes/No question asked about each selected child. */
  public record Question(@NotBlank @Pattern(regexp = "[a-z][a-z0-9-]*") String id, @NotBlank String text) {}

  /** How many children the inspectors select, first from the Annex A lists, then for audit. */
  public record Selection(@Valid @NotNull Range first, @Valid @NotNull Range audit) {}

  public record Range(@Min(1) int min, @Min(1) int max) {
    public boolean contains(int n) {
      return n >= min && n <= max;
    }

    @Override
    public String toString() {
      return min == max ? Integer.toString(min) : min + " to " + max;
    }
  }

  /** One item the local authority submits as Annex A (a child-level list or a report). */
  public record AnnexAItem(@NotBlank @Pattern(regexp = "[a-z][a-z0-9-]*") String id, @NotBlank String title) {}

  /**
   * A deadline as the guidance states it: working day N (day 1 = notification day) at a local time.
   * {@code movesWith}: another milestone this one follows when the inspectors move that one (the day 9
   * warning follows the audit report deadline).
   */
  public record MilestoneDefinition(
      @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]*") String name,
      @Min(1) @Max(300) int day,
      @NotNull LocalTime time,
      @NotBlank String title,
      String movesWith) {

    public MilestoneDefinition(String name, int day, LocalTime time, String title) {
      this(name, day, time, title, null);
    }
  }

  /** The case records an agency shares for each audited child (guidance 9.17); none listed: none asked. */
  public List<String> caseRecordsOf(String agency) {
    return caseRecords.getOrDefault(agency, List.of());
  }

  public Optional<MilestoneDefinition> milestone(String name) {
    return milestones.stream().filter(m -> m.name().equals(name)).findFirst();
  }
}
