package uk.jtai.response.calendar;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An inspection's deadlines, computed once at notification and stored with it. */
public record InspectionSchedule(String reference, String theme, Instant notifiedAt, List<Milestone> milestones) {

  public Optional<Milestone> milestone(String name) {
    return milestones.stream().filter(m -> m.name().equals(name)).findFirst();
  }
}
