package uk.jtai.response.timetable;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.Milestone;
import uk.jtai.response.notify.TaskLinks;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.security.Roles;

/**
 * An inspection's schedule as an iCalendar (RFC 5545) timetable: one event per milestone at its due time,
 * with a UID that never changes (reference, milestone name, a fixed domain) and a SEQUENCE that rises
 * when the milestone moves, so a subscribed calendar updates the event instead of adding another. A
 * milestone the theme file says concerns only some ({@code for}) is shown only to them and to the
 * coordinators; everyone sees the rest.
 */
@Component
public class Timetable {

  static final String UID_DOMAIN = "jtai-response";
  static final String PRODUCT = "-//JTAI Response//Inspection timetable//EN";

  private final ThemeRegistry themes;
  private final PublishedEvents published;
  private final Partnership partnership;
  private final TaskLinks links;

  public Timetable(ThemeRegistry themes, PublishedEvents published, Partnership partnership, TaskLinks links) {
    this.themes = themes;
    this.published = published;
    this.partnership = partnership;
    this.links = links;
  }

  /** The timetable text for a caller in {@code groups}. */
  public String render(InspectionSchedule schedule, List<String> groups) {
    Optional<Theme> theme = themes.find(schedule.theme());
    Instant now = EngineTime.now();
    Calendar calendar = new Calendar().withProdId(PRODUCT).withDefaults()
        .withProperty(new XProperty("X-WR-CALNAME", "JTAI " + schedule.reference()))
        .withProperty(new XProperty("X-WR-CALDESC", "Joint Targeted Area Inspection " + schedule.reference()
            + " (" + partnership.shortName() + "): deadlines"))
        .getFluentTarget();
    for (Milestone milestone : schedule.milestones()) {
      Optional<Theme.MilestoneDefinition> definition = theme.flatMap(t -> t.milestone(milestone.name()));
      if (!concerns(definition, groups)) {
        continue;
      }
      PublishedEvents.Revision revision = published.current(schedule.reference(), milestone, now);
      VEvent event = new VEvent(milestone.due(), milestone.title());
      event.add(new Uid(uid(schedule.reference(), milestone.name())));
      event.replace(new DtStamp(now)); // the constructor stamps the system time; the engine clock is "now"
      event.add(new Sequence(revision.sequence()));
      event.add(new LastModified(revision.lastModified()));
      event.add(new Description("Working day " + milestone.workingDay() + " of inspection " + schedule.reference()
          + " (" + milestone.name() + "). Tasks: " + links.tasklist()));
      calendar.add(event);
    }
    StringWriter text = new StringWriter();
    try {
      new CalendarOutputter(false).output(calendar, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** Stable across moves, nodes and restarts: what a calendar client recognises an event by. */
  static String uid(String reference, String milestone) {
    return reference + "." + milestone + "@" + UID_DOMAIN;
  }

  /**
   * Coordinators and administrators see every deadline; others those that concern everyone or name one of
   * their groups (an agency named means its lead contacts, deputies and senior approver).
   */
  boolean concerns(Optional<Theme.MilestoneDefinition> definition, List<String> groups) {
    if (definition.isEmpty() || definition.get().concernsEveryone() || groups.contains(Roles.ADMIN)
        || groups.stream().anyMatch(Roles.COORDINATORS::contains)) {
      return true;
    }
    for (String who : definition.get().audience()) {
      if (groups.contains(who) || partnership.find(who).map(agency -> groups.contains(agency.seniorGroup())).orElse(false)) {
        return true;
      }
    }
    return false;
  }
}
