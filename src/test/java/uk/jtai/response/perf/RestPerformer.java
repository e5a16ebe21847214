package uk.jtai.response.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import uk.jtai.response.script.InspectionScript;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.ServiceNode;

/**
 * The script's steps done over HTTP, as Tasklist does them, against running services (the packaged jars): each
 * request goes to the next node in turn, as a load balancer without sticky sessions would send it (the REST API
 * keeps no session), signed in with HTTP Basic as the demo user whose step it is. A task is found as that user
 * sees it ({@code GET /engine-rest/task}), its form read ({@code /form-variables}) and submitted
 * ({@code /submit-form}). Time is the wall clock: a jar's engine clock cannot be moved, so only what is due by
 * now can be done.
 */
final class RestPerformer implements InspectionScript.Performer {

  static final String PASSWORD = "jtai-demo";
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final DateTimeFormatter ENGINE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
  private static final Duration TASK_WAIT = Duration.ofMinutes(2);
  /** What the engine says of a change under it: optimistic locking, ENGINE-03077, a deadlock. */
  private static final Pattern CONCURRENT_CHANGE = Pattern.compile("(?i)concurrent|OptimisticLocking|ENGINE-03077|deadlock");

  private final List<ServiceNode> nodes;
  private final AtomicInteger next = new AtomicInteger();
  private final ObjectMapper json = new ObjectMapper();
  /** One client per node and user: a client holds its connections and threads. */
  private final Map<String, Http> clients = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> requestsByNode = new ConcurrentHashMap<>();
  private final LongAdder completed = new LongAdder();
  private final LongAdder triedAgain = new LongAdder();

  RestPerformer(List<ServiceNode> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  long tasksCompleted() {
    return completed.sum();
  }

  /** Submissions the driver had to send again: the service answered that the inspection changed under it. */
  long triedAgain() {
    return triedAgain.sum();
  }

  /** HTTP requests each node answered. */
  Map<String, Long> requestsByNode() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    requestsByNode.forEach((node, count) -> counts.put(node, count.sum()));
    return counts;
  }

  /** The next node, as {@code user}. */
  private Http as(String user) {
    ServiceNode node = nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size()));
    requestsByNode.computeIfAbsent(node.name(), n -> new LongAdder()).increment();
    return clients.computeIfAbsent(node.name() + "/" + user, key -> node.as(user, PASSWORD));
  }

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public void moveTo(Instant instant) {
    if (instant.isAfter(now())) {
      throw new UnsupportedOperationException("a running service's clock cannot be moved to " + instant);
    }
  }

  @Override
  public Instant milestone(String reference, String name) {
    JsonNode schedule = ok(as("bu").get("/api/inspections/" + reference + "/schedule"), 200);
    for (JsonNode milestone : schedule.get("milestones")) {
      if (milestone.get("name").asText().equals(name)) {
        return OffsetDateTime.parse(milestone.get("due").asText()).toInstant();
      }
    }
    throw new IllegalStateException("no milestone " + name + " of " + reference);
  }

  @Override
  public LocalDate nextWorkingDay(LocalDate day) {
    throw new UnsupportedOperationException("the REST driver does only the stages due by now; none asks for a working day");
  }

  @Override
  public ZoneId zone() {
    return LONDON;
  }

  @Override
  public void start(String user, Map<String, Object> startForm) {
    ok(as(user).post("/engine-rest/process-definition/key/jtai-inspection/submit-form", body(startForm)), 200);
  }

  @Override
  public JsonNode offered(String user, String reference, String taskKey, String agency, Integer child, String variable) {
    JsonNode task = await(user, reference, taskKey, child);
    JsonNode variables = ok(as(user).get("/engine-rest/task/" + task.get("id").asText() + "/form-variables?variableNames="
        + URLEncoder.encode(variable, StandardCharsets.UTF_8) + "&deserializeValues=false"), 200);
    JsonNode value = variables.path(variable).path("value");
    try {
      // A Json (or serialised object) variable comes as its text.
      return value.isTextual() && !"String".equals(variables.path(variable).path("type").asText()) ? json.readTree(value.asText()) : value;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Instant due(String user, String reference, String taskKey, String agency, Integer child) {
    return OffsetDateTime.parse(await(user, reference, taskKey, child).get("due").asText(), ENGINE_DATE).toInstant();
  }

  @Override
  public void complete(String user, String reference, String taskKey, String agency, Integer child, Map<String, Object> variables) {
    String body = body(variables);
    for (int attempt = 1; ; attempt++) {
      JsonNode task = await(user, reference, taskKey, child);
      HttpResponse<String> answer = as(user).post("/engine-rest/task/" + task.get("id").asText() + "/submit-form", body);
      if (answer.statusCode() == 204) {
        completed.increment();
        return;
      }
      // The service tries a concurrent change again itself; if it met one every time, so would a person.
      if (attempt == 10 || answer.statusCode() != 500 || !CONCURRENT_CHANGE.matcher(answer.body()).find()) {
        throw new IllegalStateException(user + " could not complete " + taskKey + " of " + reference + ": "
            + answer.statusCode() + " " + answer.body());
      }
      triedAgain.increment();
    }
  }

  @Override
  public void runDueJobs(String reference) {
    // the nodes' job executors run them; the next task is waited for
  }

  /** The open task with this key (for this child, if given) that the user sees, once it exists. */
  private JsonNode await(String user, String reference, String taskKey, Integer child) {
    Pattern forChild = child == null ? null : Pattern.compile(" for child " + child + "(?!\\d)");
    long deadline = System.nanoTime() + TASK_WAIT.toNanos();
    long pause = 20;
    while (true) {
      JsonNode tasks = ok(as(user).get("/engine-rest/task?processInstanceBusinessKey=" + URLEncoder.encode(reference,
          StandardCharsets.UTF_8) + "&taskDefinitionKey=" + taskKey), 200);
      for (JsonNode task : tasks) {
        if (forChild == null || forChild.matcher(task.get("name").asText()).find()) {
          return task;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(user + " never saw " + taskKey + (child == null ? "" : " for child " + child)
            + " of " + reference);
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      pause = Math.min(pause * 2, 500);
    }
  }

  private JsonNode ok(HttpResponse<String> answer, int status) {
    if (answer.statusCode() != status) {
      throw new IllegalStateException(answer.request().method() + " " + answer.uri() + ": " + answer.statusCode() + " " + answer.body());
    }
    try {
      return json.readTree(answer.body());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code {"variables": {...}}} as Tasklist sends a form: each value with its type. */
  private String body(Map<String, Object> variables) {
    ObjectNode body = json.createObjectNode();
    ObjectNode all = body.putObject("variables");
    variables.forEach((name, value) -> {
      ObjectNode variable = all.putObject(name);
      if (value instanceof SerializableValue serialized) {
        variable.put("value", serialized.getValueSerialized());
        variable.put("type", "Json");
      } else if (value == null) {
        variable.putNull("value");
        variable.put("type", "Null");
      } else {
        variable.set("value", json.valueToTree(value));
        variable.put("type", value.getClass().getSimpleName());
      }
    });
    return body.toString();
  }
}
