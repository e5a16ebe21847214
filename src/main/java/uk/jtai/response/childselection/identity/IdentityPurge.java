package uk.jtai.response.childselection.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.Milestone;
import uk.jtai.response.calendar.ScheduleRepository;

/**
 * Deletes the children's identifying details before the rest of the child-level data: once the inspection's
 * {@code jtai.identity.purge-at} milestone has passed (by default FINDINGS, the end of fieldwork, day 15; a
 * moved milestone counts as moved). Partners searched their records on days 4 to 6 and the inspectors finish
 * on site by then; the MOSAIC numbers stay for the steps after fieldwork and go with the rest
 * (purge/InspectionPurge, which deletes these too). Every {@code jtai.identity.purge-interval}, on one node at
 * a time; the state is in the database, so a restart misses nothing.
 */
@Component
public class IdentityPurge {

  private static final Logger log = LoggerFactory.getLogger(IdentityPurge.class);

  private final ChildIdentities identities;
  private final ScheduleRepository inspections;
  private final IdentityProperties properties;

  public IdentityPurge(ChildIdentities identities, ScheduleRepository inspections, IdentityProperties properties) {
    this.identities = identities;
    this.inspections = inspections;
    this.properties = properties;
  }

  @Scheduled(fixedDelayString = "${jtai.identity.purge-interval:PT10M}", initialDelayString = "${jtai.identity.purge-interval:PT10M}")
  @SchedulerLock(name = "identity-purge", lockAtMostFor = "PT30M")
  public void sweep() {
    purgeDue(EngineTime.now());
  }

  /** Deletes the details of every inspection whose purge milestone is not after {@code now}; their references. */
  public List<String> purgeDue(Instant now) {
    List<String> purged = new ArrayList<>();
    for (String reference : identities.heldFor()) {
      Optional<Instant> due = inspections.find(reference).flatMap(this::purgeAt);
      if (due.isPresent() && !now.isBefore(due.get())) {
        int children = identities.delete(reference);
        purged.add(reference);
        log.info("Identifying details of {} children of {} deleted: {} has passed", children, reference, properties.purgeAt());
      }
    }
    return purged;
  }

  private Optional<Instant> purgeAt(InspectionSchedule inspection) {
    return inspection.milestone(properties.purgeAt()).map(Milestone::due);
  }
}
