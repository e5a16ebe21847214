package uk.jtai.response.notify;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.Contact;

/**
 * One e-mail to write to the outbox: a template and the facts it may show. The setters are the whole
 * vocabulary of an e-mail (inspection reference, agency, task, deadline, link); there is deliberately
 * no way to put a child's identifier or case details in one: e-mails link to the authenticated task.
 */
public final class Mail {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

  private final String template;
  private final String reference;
  private final List<String> to = new ArrayList<>();
  private final Map<String, Object> model = new LinkedHashMap<>();
  private String dedupKey;

  private Mail(String template, String reference) {
    this.template = template;
    this.reference = reference;
    model.put("reference", reference);
  }

  /** An e-mail about inspection {@code reference}, rendered from {@code mail/<template>.txt}. */
  public static Mail about(String reference, String template) {
    return new Mail(template, reference);
  }

  public Mail to(Contact contact) {
    if (!to.contains(contact.email())) {
      to.add(contact.email());
    }
    return this;
  }

  public Mail to(List<Contact> contacts) {
    contacts.forEach(this::to);
    return this;
  }

  public Mail theme(String themeName) {
    model.put("theme", themeName);
    return this;
  }

  /** The agencies an inspection's theme names, by name ("Local Authority, Police, ..."). */
  public Mail themeAgencies(String agencyNames) {
    model.put("themeAgencies", agencyNames);
    return this;
  }

  public Mail agency(String agencyName) {
    model.put("agency", agencyName);
    return this;
  }

  public Mail task(String taskName, String link) {
    model.put("task", taskName);
    model.put("link", link);
    return this;
  }

  /** How many children a step concerns (a count, never which children). */
  public Mail count(int children) {
    model.put("count", children);
    return this;
  }

  /**
   * Which of the children selected for audit a step concerns, by its position in the selection ("child 3"):
   * never the child's reference.
   */
  public Mail childPosition(int position) {
    model.put("childPosition", position);
    return this;
  }

  /** A secure location from the partnership's configuration (where templates or documents are). */
  public Mail location(String configuredLocation) {
    model.put("location", configuredLocation);
    return this;
  }

  public Mail link(String link) {
    model.put("link", link);
    return this;
  }

  /** Links to the inspection's board and its timeline picture (pages that need signing in, as Tasklist does). */
  public Mail boardLinks(String board, String timeline) {
    model.put("boardLink", board);
    model.put("timelineLink", timeline);
    return this;
  }

  /** The deadline, shown as local time in words ("17:00 on Thursday 3 June"). */
  public Mail due(Instant due, ZoneId zone, String what) {
    model.put("due", WorkingCalendar.spokenTime(due, zone));
    model.put("dueWhat", what);
    return this;
  }

  public Mail partnership(String name, String businessUnit, String businessUnitEmail) {
    model.put("partnership", name);
    model.put("businessUnit", businessUnit);
    model.put("businessUnitEmail", businessUnitEmail);
    return this;
  }

  /**
   * The daily digest's content: the day, per agency or role how many tasks are open and which are overdue
   * (task names as the models give them), and the day's deadlines (milestone titles): never child data.
   */
  public Mail digest(java.time.LocalDate day, List<Workload> workload, List<Deadline> deadlines) {
    model.put("day", DAY.format(day));
    model.put("workload", List.copyOf(workload));
    model.put("deadlines", List.copyOf(deadlines));
    return this;
  }

  /** Open tasks of one agency or role, and the names of its overdue ones with their deadlines. */
  public record Workload(String who, int open, List<String> overdue) {}

  /** A deadline of the day: its local time ("17:00") and the milestone's title. */
  public record Deadline(String time, String title) {}

  /** Makes the e-mail idempotent: a second enqueue with the same key is ignored. */
  public Mail once(String key) {
    this.dedupKey = key;
    return this;
  }

  public String template() {
    return template;
  }

  public String reference() {
    return reference;
  }

  public List<String> recipients() {
    return List.copyOf(to);
  }

  public Map<String, Object> model() {
    return Map.copyOf(model);
  }

  public String dedupKey() {
    return dedupKey;
  }

}
