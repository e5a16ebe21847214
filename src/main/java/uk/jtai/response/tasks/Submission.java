package uk.jtai.response.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;
import uk.jtai.response.calendar.EngineTime;

/**
 * What a form submitted, read field by field with the checks the server makes whatever client sent it
 * (Tasklist, the REST API or a script). Every problem is collected; {@link #verdict()} refuses the
 * submission with all of them at once.
 *
 * <p>A task or start form ({@link TaskForm}, {@link StartForm}) names each field by its record's component,
 * e.g. {@code submission.text(Submitted::returnLocation, 300)}; an API request of its own by its key.
 */
public final class Submission {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Function<String, Object> values;
  private final List<FieldError> errors = new ArrayList<>();
  /** The fields submitted, where the submission is a task's (replaceable before the check reads them). */
  private Map<String, Object> submitted;

  /** A start form's submission: the new process instance's variables as the engine sees them (see {@link StartForm}). */
  public Submission(VariableScope scope) {
    this(scope::getVariable);
  }

  /** A task's submission as the guard passed it (see {@link Submissions}): field to plain value. */
  public static Submission of(Map<String, Object> submitted) {
    Submission submission = new Submission(submitted::get);
    submission.submitted = submitted;
    return submission;
  }

  /** A submission from elsewhere (e.g. a JSON request to the product API). */
  public Submission(Function<String, Object> values) {
    this.values = values;
  }

  public void reject(String field, String reason) {
    errors.add(new FieldError(field, reason));
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** Whether {@code field} itself has been rejected already. */
  public boolean rejected(String field) {
    return errors.stream().anyMatch(e -> e.field().equals(field));
  }

  /** Refuses the submission if anything was rejected. */
  public void verdict() {
    if (!errors.isEmpty()) {
      throw new SubmissionRejectedException(errors);
    }
  }

  /** The field's value as submitted (null when absent), unchecked. */
  public Object value(String field) {
    return raw(field);
  }

  /** Replaces a submitted field's value, e.g. a list whose hidden row ids are restored (see {@link RowKeys}). */
  public void replace(String field, Object value) {
    if (submitted == null) {
      throw new IllegalStateException("only a task's submission can be changed");
    }
    submitted.put(field, value);
  }

  private Object raw(String field) {
    try {
      return values.apply(field);
    } catch (ProcessEngineException unreadable) {
      reject(field, "cannot be read (for a list, send JSON of type Json)");
      return null;
    }
  }

  /** Required text, trimmed, at most {@code maxLength} characters; null when rejected. */
  public String text(String field, int maxLength) {
    Optional<String> value = optionalText(field, maxLength);
    if (value.isEmpty() && !rejected(field)) {
      reject(field, "is required");
    }
    return value.orElse(null);
  }

  public Optional<String> optionalText(String field, int maxLength) {
    Object value = raw(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String s)) {
      reject(field, "must be text");
      return Optional.empty();
    }
    String trimmed = s.strip();
    if (trimmed.length() > maxLength) {
      reject(field, "must be at most " + maxLength + " characters");
      return Optional.empty();
    }
    return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
  }

  /** A yes/no field; absent counts as no. */
  public boolean flag(String field) {
    Object value = raw(field);
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s);
    }
    reject(field, "must be true or false");
    return false;
  }

  /** A box that must be ticked, with the reason given when it is not; whether it was. */
  public boolean requireTrue(String field, String reason) {
    boolean ticked = flag(field);
    if (!ticked && !rejected(field)) {
      reject(field, reason);
    }
    return ticked;
  }

  /** Required choice among {@code allowed}; null when rejected. */
  public String choice(String field, Collection<String> allowed) {
    String value = text(field, 200);
    if (value != null && !allowed.contains(value)) {
      reject(field, "must be one of " + String.join(", ", allowed));
      return null;
    }
    return value;
  }

  /**
   * A required date and time: an ISO-8601 instant with offset, a local date-time (read in {@code zone}),
   * or a Date; null when rejected.
   */
  public Instant dateTime(String field, ZoneId zone) {
    Object value = raw(field);
    if (value == null || (value instanceof String s && s.isBlank())) {
      reject(field, "is required");
      return null;
    }
    return parseDateTime(field, value, zone);
  }

  /** A required date (YYYY-MM-DD, as a Camunda Forms date field submits it); null when rejected. */
  public LocalDate date(String field) {
    Object value = raw(field);
    if (value == null || (value instanceof String s && s.isBlank())) {
      reject(field, "is required");
      return null;
    }
    if (value instanceof Date date) {
      return date.toInstant().atZone(java.time.ZoneId.of("Europe/London")).toLocalDate();
    }
    try {
      return LocalDate.parse(value.toString().strip().substring(0, Math.min(10, value.toString().strip().length())));
    } catch (DateTimeParseException e) {
      reject(field, "must be a date such as 2027-06-25");
      return null;
    }
  }

  /** A whole number, at least {@code min}; null when rejected. */
  public Integer number(String field, int min) {
    Object value = raw(field);
    Integer number = value instanceof Number n ? Integer.valueOf(n.intValue())
        : value instanceof String s && s.strip().matches("-?[0-9]{1,9}") ? Integer.valueOf(s.strip()) : null;
    if (number == null) {
      reject(field, value == null ? "is required" : "must be a whole number");
    } else if (number < min) {
      reject(field, "must be at least " + min);
      return null;
    }
    return number;
  }

  /**
   * A required date and time of something that has happened since {@code since} (a local date): not
   * before that day, and not in the future (engine clock); null when rejected.
   */
  public Instant happenedSince(String field, ZoneId zone, LocalDate since, String sinceWhat) {
    Instant when = dateTime(field, zone);
    if (when == null) {
      return null;
    }
    if (when.atZone(zone).toLocalDate().isBefore(since)) {
      reject(field, "is before " + sinceWhat + " (" + since + ")");
      return null;
    }
    if (when.isAfter(EngineTime.now().plusSeconds(60))) {
      reject(field, "is in the future");
      return null;
    }
    return when;
  }

  public Instant parseDateTime(String field, Object value, ZoneId zone) {
    if (value instanceof Date date) {
      return date.toInstant();
    }
    if (value instanceof String s) {
      try {
        return OffsetDateTime.parse(s.strip()).toInstant();
      } catch (DateTimeParseException notOffset) {
        try {
          return LocalDateTime.parse(s.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException notLocal) {
          reject(field, "must be a date and time such as 2027-05-24T09:10:00+01:00");
          return null;
        }
      }
    }
    reject(field, "must be a date and time");
    return null;
  }

  /** A structured field (a Camunda Forms dynamic list or group) as JSON; null when absent or rejected. */
  public JsonNode json(String field) {
    Object value = raw(field);
    if (value == null) {
      return null;
    }
    if (value instanceof JsonNode node) {
      return node;
    }
    try {
      if (value instanceof SpinJsonNode spin) {
        return JSON.readTree(spin.toString());
      }
      if (value instanceof String s) {
        return JSON.readTree(s);
      }
      if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
        return JSON.valueToTree(value);
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      reject(field, "is not readable JSON");
      return null;
    }
    reject(field, "must be a list");
    return null;
  }

  // A task form's fields, named by the components of its record (see Key): the same checks as above.

  public <R extends Record> void reject(Key<R> field, String reason) {
    reject(field.name(), reason);
  }

  public <R extends Record> boolean rejected(Key<R> field) {
    return rejected(field.name());
  }

  public <R extends Record> Object value(Key<R> field) {
    return value(field.name());
  }

  public <R extends Record> String text(Key<R> field, int maxLength) {
    return text(field.name(), maxLength);
  }

  public <R extends Record> Optional<String> optionalText(Key<R> field, int maxLength) {
    return optionalText(field.name(), maxLength);
  }

  public <R extends Record> boolean flag(Key<R> field) {
    return flag(field.name());
  }

  public <R extends Record> boolean requireTrue(Key<R> field, String reason) {
    return requireTrue(field.name(), reason);
  }

  public <R extends Record> String choice(Key<R> field, Collection<String> allowed) {
    return choice(field.name(), allowed);
  }

  public <R extends Record> Instant dateTime(Key<R> field, ZoneId zone) {
    return dateTime(field.name(), zone);
  }

  public <R extends Record> LocalDate date(Key<R> field) {
    return date(field.name());
  }

  public <R extends Record> Integer number(Key<R> field, int min) {
    return number(field.name(), min);
  }

  public <R extends Record> Instant happenedSince(Key<R> field, ZoneId zone, LocalDate since, String sinceWhat) {
    return happenedSince(field.name(), zone, since, sinceWhat);
  }

  public <R extends Record> JsonNode json(Key<R> field) {
    return json(field.name());
  }
}
