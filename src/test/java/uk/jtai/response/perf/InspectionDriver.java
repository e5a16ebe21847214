package uk.jtai.response.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationContext;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.script.InspectionScript;
import uk.jtai.response.script.ScheduledPerformer;
import uk.jtai.response.support.ChildData;

/**
 * One whole inspection, from the notification to closing, through the engine API as the people whose
 * tasks they are (the demo users' roles; never an administrator): the on-time {@link InspectionScript},
 * stage by stage, so that many inspections can be driven side by side: every inspection does stage k,
 * then the engine clock moves to stage k+1's time (its milestone, as the first inspection's schedule
 * has it; all are notified alike). The job executor runs in the background, so a task that follows a job
 * (an asynchronous continuation, a timer) is waited for rather than expected at once.
 */
final class InspectionDriver {

  static final String NOTIFIED_AT = "2027-05-24T09:10:00+01:00";
  static final String THEME = "domestic-abuse";
  private static final InspectionScript SCRIPT = InspectionScript.onTime();

  /** One stage of the script: the engine clock is moved to its time, then its steps run for every inspection. */
  record Stage(String name, InspectionScript.Stage script) {
    Steps steps() {
      return (driver, reference, series, notifiedAt) -> SCRIPT.runStage(script, driver.inspection(reference, series, notifiedAt),
          driver.performer);
    }
  }

  @FunctionalInterface
  interface Steps {
    void run(InspectionDriver driver, String reference, int series, Instant notifiedAt) throws Exception;
  }

  private static final Duration TASK_WAIT = Duration.ofMinutes(5);

  private final ProcessEngine engine;
  private final TaskService tasks;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, List<String>> groups = new ConcurrentHashMap<>();
  private final LongAdder completed = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final Map<String, LongAdder> retriesByTaskAndCause = new ConcurrentHashMap<>();

  private final ScheduleRepository schedules;
  private final WorkingCalendar calendar;
  private final Theme theme;
  private final List<String> statutoryPartners;
  private final InspectionScript.Performer performer;

  /** The script's steps done as the demo users over the engine API, counting completions and retries. */
  private final class DriverPerformer extends ScheduledPerformer {

    DriverPerformer() {
      super(schedules, calendar);
    }

    @Override
    public void moveTo(Instant instant) {
      throw new UnsupportedOperationException("the benchmark moves one clock for every inspection, between stages");
    }

    @Override
    public void start(String user, Map<String, Object> startForm) {
      InspectionDriver.this.start(user, startForm);
    }

    @Override
    public JsonNode offered(String user, String reference, String taskKey, String agency, Integer child, String variable) {
      try {
        return json.readTree(variableOf(user, reference, taskKey, child, variable).toString());
      } catch (java.io.IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public Instant due(String user, String reference, String taskKey, String agency, Integer child) {
      try {
        return await(user, reference, taskKey, child).getDueDate().toInstant();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void complete(String user, String reference, String taskKey, String agency, Integer child, Map<String, Object> variables) {
      try {
        work(user, reference, taskKey, child, variables);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void runDueJobs(String reference) {
      // the job executor runs them; the next task is waited for
    }
  }

  /** A driver of the application running in {@code context}, for the benchmark's theme. */
  static InspectionDriver of(ApplicationContext context) {
    return new InspectionDriver(context.getBean(ProcessEngine.class), context.getBean(ScheduleRepository.class),
        context.getBean(WorkingCalendar.class), context.getBean(ThemeRegistry.class).theme(THEME),
        context.getBean(Partnership.class).statutoryPartners().stream().map(Agency::id).toList());
  }

  InspectionDriver(ProcessEngine engine, ScheduleRepository schedules, WorkingCalendar calendar, Theme theme,
                   List<String> statutoryPartners) {
    this.engine = engine;
    this.tasks = engine.getTaskService();
    this.schedules = schedules;
    this.calendar = calendar;
    this.theme = theme;
    this.statutoryPartners = statutoryPartners;
    this.performer = new DriverPerformer();
  }

  /** The script's facts about inspection {@code reference}: 20 children of series {@code series}, 6 audited. */
  InspectionScript.Inspection inspection(String reference, int series) {
    return inspection(reference, series, OffsetDateTime.parse(NOTIFIED_AT).toInstant());
  }

  /** The same inspection notified at {@code notifiedAt} rather than at {@link #NOTIFIED_AT}. */
  InspectionScript.Inspection inspection(String reference, int series, Instant notifiedAt) {
    return inspection(theme, statutoryPartners, reference, series, notifiedAt);
  }

  /** The script's facts about an inspection of {@code theme} in a partnership of these statutory partners. */
  static InspectionScript.Inspection inspection(Theme theme, List<String> statutoryPartners, String reference, int series,
                                                Instant notifiedAt) {
    return new InspectionScript.Inspection(reference, theme.id(), notifiedAt, theme.agencies(), theme.caseAuditAgencies(),
        statutoryPartners, ChildData.references(series, 20), 6, InspectionDriver::senior).withTimetableOf(theme);
  }

  /** Starts the inspection as the Business Unit does, notified at {@code notifiedAt}: the script's first stage. */
  void start(String reference, int series, Instant notifiedAt) {
    SCRIPT.runStage(SCRIPT.stages().get(0), inspection(reference, series, notifiedAt), performer);
  }

  /** The engine time at which the stage runs, from the schedule of the first inspection notified at {@code notifiedAt}. */
  long clockOf(Stage stage, String firstReference, Instant notifiedAt) {
    return SCRIPT.timeOf(stage.script(), inspection(firstReference, 0, notifiedAt), performer).toEpochMilli();
  }

  long tasksCompleted() {
    return completed.sum();
  }

  /** Forgets the retries by task and cause counted so far (a warm-up's), so that the map holds the measured run's. */
  void forgetRetriesByTaskAndCause() {
    retriesByTaskAndCause.clear();
  }

  long concurrentChangeRetries() {
    return retries.sum();
  }

  /** The retries by the task being completed and what the clash was, most first. */
  Map<String, Long> concurrentChangeRetriesByTaskAndCause() {
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    retriesByTaskAndCause.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
        .forEach(entry -> counts.put(entry.getKey(), entry.getValue().sum()));
    return counts;
  }

  /** What a clash was: optimistic locking on which entity, or the product's name for the other kinds. */
  static String cause(ProcessEngineException clash) {
    if (clash instanceof OptimisticLockingException) {
      java.util.regex.Matcher entity = java.util.regex.Pattern.compile("Execution of '(\\w+ \\w+)\\[")
          .matcher(String.valueOf(clash.getMessage()));
      return "optimistic locking" + (entity.find() ? " on " + entity.group(1) : "");
    }
    return String.valueOf(uk.jtai.response.tasks.ConcurrentChange.kindOf(clash));
  }

  private IdentityService identity() {
    return engine.getIdentityService();
  }

  private List<String> groupsOf(String user) {
    return groups.computeIfAbsent(user, u -> identity().createGroupQuery().groupMember(u).list().stream().map(Group::getId).toList());
  }

  private List<Task> visibleTo(String user, String reference, String taskKey) {
    identity().setAuthentication(user, groupsOf(user));
    try {
      return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskKey).list();
    } finally {
      identity().clearAuthentication();
    }
  }

  /** The open task with this key (for this child, if given) that the user can see, once it exists. */
  Task await(String user, String reference, String taskKey, Integer child) throws InterruptedException {
    long deadline = System.nanoTime() + TASK_WAIT.toNanos();
    long pause = 10;
    while (true) {
      // As a person picks it in Tasklist's list: by its name, which says the child ("... for child 3 (Police) ..."),
      // not by reading each task's variables one request at a time.
      java.util.regex.Pattern forChild = child == null ? null : java.util.regex.Pattern.compile(" for child " + child + "(?!\\d)");
      List<Task> mine = visibleTo(user, reference, taskKey).stream()
          .filter(t -> forChild == null || forChild.matcher(t.getName()).find()).toList();
      if (!mine.isEmpty()) {
        return mine.get(0);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(user + " never saw " + taskKey + (child == null ? "" : " for child " + child)
            + " of " + reference);
      }
      Thread.sleep(pause);
      pause = Math.min(pause * 2, 500);
    }
  }

  void work(String user, String reference, String taskKey, Map<String, Object> variables) throws InterruptedException {
    work(user, reference, taskKey, null, variables);
  }

  /** As {@code user}: waits for the task, completes it; a clash with a job on the same instance is tried again (counted). */
  void work(String user, String reference, String taskKey, Integer child, Map<String, Object> variables)
      throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      Task task = await(user, reference, taskKey, child);
      identity().setAuthentication(user, groupsOf(user));
      try {
        tasks.complete(task.getId(), variables);
        completed.increment();
        return;
      } catch (ProcessEngineException clash) {
        if (attempt == 10 || !concurrentChange(clash)) {
          throw clash;
        }
        retries.increment();
        retriesByTaskAndCause.computeIfAbsent(taskKey + " / " + cause(clash), k -> new LongAdder()).increment();
      } finally {
        identity().clearAuthentication();
      }
    }
  }

  /**
   * A job changed the same process instance while the task was being completed, and the service's own tries
   * again ({@code tasks/ConcurrentChange}) met it every time. Nothing of the completion was kept; as a Tasklist
   * user would, the driver tries again.
   */
  private static boolean concurrentChange(ProcessEngineException e) {
    return uk.jtai.response.tasks.ConcurrentChange.kindOf(e) != null;
  }

  /** A variable of the task's form as Tasklist loads it (a view, for what a task shows of children). */
  private Object variableOf(String user, String reference, String taskKey, Integer child, String variable) throws InterruptedException {
    return engine.getFormService().getTaskFormVariables(await(user, reference, taskKey, child).getId()).get(variable);
  }

  private static String senior(String agency) {
    return agency.equals("la") ? "dcs" : agency + ".senior";
  }

  private void start(String user, Map<String, Object> startForm) {
    identity().setAuthentication(user, groupsOf(user));
    try {
      engine.getFormService().submitStartForm(engine.getRepositoryService().createProcessDefinitionQuery()
          .processDefinitionKey("jtai-inspection").latestVersion().singleResult().getId(), startForm);
    } finally {
      identity().clearAuthentication();
    }
  }

  /** The whole inspection, stage by stage: the script's. */
  static List<Stage> stages() {
    return SCRIPT.stages().stream().map(stage -> new Stage(stage.name(), stage)).toList();
  }
}
