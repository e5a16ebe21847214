package uk.jtai.response.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import uk.jtai.response.calendar.ScheduleCalculator;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.auditreport.AppointAuditRolesForm;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.fieldwork.ArrangeKitMeetingForm;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.script.InspectionScript;
import uk.jtai.response.script.ScheduledPerformer;

/**
 * The whole application on an in-memory database with the job executor off: tests drive processes
 * through the engine API, move the engine clock and fire due timers themselves. Process tests leave a
 * coverage report per model ({@link ProcessCoverage}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(ProcessCoverage.class)
public abstract class ProcessTestSupport {

  private static final AtomicInteger REFERENCES = new AtomicInteger();
  /** The inspection's steps and values: the helpers below run parts of it. */
  private static final InspectionScript SCRIPT = InspectionScript.onTime();

  @Autowired protected ProcessEngine engine;
  @Autowired protected RuntimeService runtime;
  @Autowired protected TaskService tasks;
  @Autowired protected FormService forms;
  @Autowired protected HistoryService history;
  @Autowired protected ManagementService management;
  @Autowired protected RepositoryService repository;
  @Autowired protected JdbcTemplate jdbc;
  @Autowired private ScheduleCalculator scheduleCalculator;
  @Autowired private ThemeRegistry themes;
  @Autowired private Partnership partnership;
  @Autowired protected ScheduleRepository schedules;
  @Autowired private WorkingCalendar calendar;

  @BeforeEach
  void initAssertions() {
    BpmnAwareTests.init(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    engine.getIdentityService().clearAuthentication();
    TestUsers.removeCreated(engine.getIdentityService());
  }

  /** A reference no other test uses, e.g. JTAI-2027-05-T7. */
  protected static String newReference() {
    return "JTAI-2027-05-T" + REFERENCES.incrementAndGet();
  }

  protected static Instant instant(String isoWithOffset) {
    return OffsetDateTime.parse(isoWithOffset).toInstant();
  }

  protected void moveClockTo(String isoWithOffset) {
    ClockUtil.setCurrentTime(Date.from(instant(isoWithOffset)));
  }

  /** Starts an inspection as Tasklist's start form does, with the clock at the notification. */
  protected ProcessInstance startInspection(String reference, String theme, String notifiedAt) {
    moveClockTo(notifiedAt);
    Map<String, Object> values = new HashMap<>();
    values.put("reference", reference);
    values.put("theme", theme);
    values.put("notifiedAt", notifiedAt);
    String definitionId = repository.createProcessDefinitionQuery().processDefinitionKey("jtai-inspection")
        .latestVersion().singleResult().getId();
    return forms.submitStartForm(definitionId, values);
  }

  /**
   * The inspection stored with its schedule and milestones as jtai-inspection's start listener stores it, but
   * with no jtai-inspection running (so nothing marks missed deadlines on one); the clock at the notification.
   */
  protected void registerInspection(String reference, String theme, String notifiedAt) {
    moveClockTo(notifiedAt);
    schedules.insert(scheduleCalculator.compute(reference, themes.theme(theme), instant(notifiedAt)), null,
        "process-test", instant(notifiedAt));
  }

  /**
   * Starts one stage of an inspection on its own, as jtai-inspection's call activity does: the inspection is
   * registered ({@link #registerInspection}) unless a test did so already, and the stage gets the business key
   * and the variables the call activity passes in ({@code reference}, {@code theme}, {@code themeName},
   * {@code notifiedAt}).
   */
  protected ProcessInstance startStage(String processKey, String reference, String theme, String notifiedAt) {
    return startStage(processKey, reference, theme, notifiedAt, notifiedAt);
  }

  /** As {@link #startStage(String, String, String, String)}, the stage starting at {@code startsAt} (after Annex A, say). */
  protected ProcessInstance startStage(String processKey, String reference, String theme, String notifiedAt, String startsAt) {
    if (!schedules.exists(reference)) {
      registerInspection(reference, theme, notifiedAt);
    }
    Theme known = themes.theme(theme);
    Map<String, Object> standing = new HashMap<>();
    standing.put("reference", reference);
    standing.put("theme", theme);
    standing.put("themeName", known.name());
    standing.put("notifiedAt", notifiedAt);
    moveClockTo(startsAt);
    // Started inside a command, as the engine starts a called process: the door for users' own starts
    // (tasks/GuardedRuntimeService) takes no values a start form does not ask for.
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired().execute(context ->
            runtime.createProcessInstanceByKey(processKey).businessKey(reference).setVariables(standing).execute());
  }

  /** Days 1 to 2 done as far as the child selection needs: the Local Authority's Annex A is submitted. */
  protected void submitAnnexA(String reference) {
    SCRIPT.between("Task_SubmitAnnexA", "Task_SubmitAnnexA").runNow(scripted(reference, List.of(), 0), asAdministrator());
  }

  /**
   * Day 1's cascade, the agencies' fieldwork-week meetings and their documentary evidence (approved and uploaded,
   * guidance 7.11) done on time, right after the notification.
   */
  protected void finishNotificationCascadeAndMeetings(String reference) {
    SCRIPT.between("Task_NotifyPartners", "Task_UploadEvidence").runNow(scripted(reference, List.of(), 0), asAdministrator());
  }

  /**
   * The child-selection stage done on time: the first selection recorded, every agency answering No
   * throughout, the returns forwarded, the first {@code auditCount} selected for audit, the tool sent.
   */
  protected void runChildSelection(String reference, List<String> children, int auditCount) {
    SCRIPT.between("Task_RecordFirstSelection", "Task_SendAuditTool")
        .runNow(scripted(reference, children, auditCount), asAdministrator());
  }

  /**
   * An inspection brought to week 2 on time: notified {@code notifiedAt}, Annex A in, the first selection
   * of {@code first} children and the first {@code audit} of them selected for audit.
   */
  protected List<String> reachWeek2(String reference, String theme, String notifiedAt, int first, int audit) {
    startInspection(reference, theme, notifiedAt);
    finishNotificationCascadeAndMeetings(reference);
    submitAnnexA(reference);
    List<String> children = uk.jtai.response.support.ChildData.references(
        Math.abs(reference.hashCode() % 900) + 100, first);
    runChildSelection(reference, children, audit);
    return children.subList(0, audit);
  }

  /**
   * The script's steps from {@code from} to {@code to}, on time, for an inspection whose first selection is
   * {@code children} and whose first {@code auditCount} are selected for audit (e.g. after a test amended them).
   */
  protected void runScripted(String reference, String from, String to, List<String> children, int auditCount) {
    SCRIPT.between(from, to).runNow(scripted(reference, children, auditCount), asAdministrator());
  }

  /** Completes every open task of the inspection with this key, with the same variables. */
  protected int completeAll(String reference, String taskKey, Map<String, Object> variables) {
    List<Task> open = openTasks(reference, taskKey);
    open.forEach(task -> complete(task, variables));
    return open.size();
  }

  /** The case audits on time after {@link #runChildSelection}: every audit return in and signed off, the pack sent. */
  protected void runCaseAudits(String reference) {
    SCRIPT.between("Task_CompleteAuditTool", "Task_CompileAuditPack")
        .runNow(scripted(reference, List.of(), auditedChildren(reference)), asAdministrator());
  }

  /** The start of week 2 on time: every audit return in and signed off, the pack sent, the Audit Chair and Author appointed. */
  protected void runAuditsAndAppointRoles(String reference, String chair, String author) {
    SCRIPT.between("Task_CompleteAuditTool", "Task_AppointAuditRoles")
        .with("Task_AppointAuditRoles", context -> new AppointAuditRolesForm.Submitted(chair, author))
        .runNow(scripted(reference, List.of(), auditedChildren(reference)), asAdministrator());
  }

  /**
   * Week 2 done on time after {@link #reachWeek2}: every audit return in and signed off, the pack sent,
   * the Audit Day, evidence, version 1 of the report approved by every statutory partner and submitted,
   * the on-site programme and the children-and-families arrangements; fieldwork then starts.
   */
  protected void runWeek2(String reference, String chair, String author) {
    runAuditsAndAppointRoles(reference, chair, author);
    SCRIPT.between("Task_ConfirmEvidence", "Task_ConfirmChildrenAndFamilies").without("Task_CommentOnDraft")
        .runNow(scripted(reference, List.of(), 0), asAdministrator());
  }

  /** Fieldwork done after {@link #runWeek2}: presentation, leaders' meeting, no planning themes or KIT meetings, findings. */
  protected void runFieldwork(String reference) {
    SCRIPT.between("Task_UpdateContextPresentation", "Task_UpdateContextPresentation")
        .runNow(scripted(reference, List.of(), 0), asAdministrator());
    Instant dayEleven = schedules.due(reference, "FIELDWORK_START").orElseThrow();
    ClockUtil.setCurrentTime(Date.from(dayEleven.plusSeconds(3600)));
    SCRIPT.between("Task_RecordLeadersMeeting", "Task_RecordFindings")
        .without(InspectionScript.PLANNING_THEMES, "Task_NameKitLeader")
        .with("Task_ArrangeKitMeetings", context -> new ArrangeKitMeetingForm.Submitted("none", null, null))
        .runNow(scripted(reference, List.of(), 0), asAdministrator());
  }

  /**
   * The script's values of one step of the inspection (e.g. what a browser test types into the step's form),
   * for {@code agency}'s copy where the step is done per agency; {@code children} the first selection,
   * the first {@code audited} of them selected for audit.
   */
  protected <R extends Record> R scriptValues(String reference, String stepName, String agency, List<String> children,
                                              int audited, Class<R> type) {
    InspectionScript.Step step = SCRIPT.step(stepName);
    return type.cast(SCRIPT.values(stepName, InspectionScript.context(scripted(reference, children, audited), asAdministrator(),
        null, step.taskKey(), agency, step.perChild() ? 1 : null)));
  }

  protected <R extends Record> R scriptValues(String reference, String stepName, String agency, Class<R> type) {
    return scriptValues(reference, stepName, agency, List.of(), 0, type);
  }

  /**
   * Every open task of the step's key completed through the engine API with the script's values for its
   * agency and child (e.g. the other agencies' copies of a task done in a browser); returns how many.
   */
  protected int completeOpenAsScripted(String reference, String stepName) {
    InspectionScript.Step step = SCRIPT.step(stepName);
    InspectionScript.Inspection inspection = scripted(reference, List.of(), auditedChildren(reference));
    InspectionScript.Performer performer = asAdministrator();
    List<Task> open = openTasks(reference, step.taskKey());
    for (Task task : open) {
      String agency = (String) tasks.getVariable(task.getId(), "agency");
      Integer child = (Integer) tasks.getVariable(task.getId(), "childNumber");
      Object values = SCRIPT.values(stepName, InspectionScript.context(inspection, new TaskPerformer(performer, task), null,
          step.taskKey(), agency, child));
      complete(task, values instanceof Record submitted ? uk.jtai.response.script.FormValues.of(submitted) : castMap(values));
    }
    return open.size();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object values) {
    return (Map<String, Object>) values;
  }

  /** A performer whose offered rows and due date are those of one task. */
  private final class TaskPerformer implements InspectionScript.Performer {
    private final InspectionScript.Performer delegate;
    private final Task task;

    TaskPerformer(InspectionScript.Performer delegate, Task task) {
      this.delegate = delegate;
      this.task = task;
    }

    @Override
    public Instant now() {
      return delegate.now();
    }

    @Override
    public void moveTo(Instant instant) {
      delegate.moveTo(instant);
    }

    @Override
    public Instant milestone(String reference, String name) {
      return delegate.milestone(reference, name);
    }

    @Override
    public java.time.LocalDate nextWorkingDay(java.time.LocalDate day) {
      return delegate.nextWorkingDay(day);
    }

    @Override
    public java.time.ZoneId zone() {
      return delegate.zone();
    }

    @Override
    public void start(String user, Map<String, Object> startForm) {
      delegate.start(user, startForm);
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode offered(String user, String reference, String taskKey, String agency,
                                                          Integer child, String variable) {
      try {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(forms.getTaskFormVariables(task.getId()).get(variable).toString());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public Instant due(String user, String reference, String taskKey, String agency, Integer child) {
      return task.getDueDate().toInstant();
    }

    @Override
    public void complete(String user, String reference, String taskKey, String agency, Integer child, Map<String, Object> variables) {
      ProcessTestSupport.this.complete(task, variables);
    }

    @Override
    public void runDueJobs(String reference) {
      delegate.runDueJobs(reference);
    }
  }

  /** The script's facts about an inspection started by a process test: its theme's agencies, the children given. */
  private InspectionScript.Inspection scripted(String reference, List<String> children, int audited) {
    ProcessInstance inspection = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey("jtai-inspection").singleResult();
    assertThat(inspection).as("inspection " + reference + " running").isNotNull();
    String theme = (String) runtime.getVariable(inspection.getId(), "theme");
    return new InspectionScript.Inspection(reference, theme, null, themes.theme(theme).agencies(), themes.theme(theme).caseAuditAgencies(),
        partnership.statutoryPartners().stream().map(uk.jtai.response.partnership.Agency::id).toList(), children, audited,
        agency -> agency + ".senior").withTimetableOf(themes.theme(theme));
  }

  /** How many children each agency audits: the open audit tools of one agency. */
  private int auditedChildren(String reference) {
    return openTasks(reference, "Task_CompleteAuditTool").stream()
        .map(task -> tasks.getVariable(task.getId(), "childNumber")).filter(java.util.Objects::nonNull)
        .mapToInt(child -> (Integer) child).max().orElse(0);
  }

  /**
   * The script done through the engine API without a user (the process tests' way): each step completes
   * the open task of its key for the step's agency and child; the clock stays where the test put it.
   */
  private InspectionScript.Performer asAdministrator() {
    return new ScheduledPerformer(schedules, calendar) {
      @Override
      public void moveTo(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
      }

      @Override
      public void start(String user, Map<String, Object> startForm) {
        String definitionId = repository.createProcessDefinitionQuery().processDefinitionKey("jtai-inspection")
            .latestVersion().singleResult().getId();
        forms.submitStartForm(definitionId, startForm);
      }

      private Task open(String reference, String taskKey, String agency, Integer child) {
        return openTasks(reference, taskKey).stream()
            .filter(task -> agency == null || agency.equals(tasks.getVariable(task.getId(), "agency"))
                || tasks.getVariable(task.getId(), "agency") == null)
            .filter(task -> child == null || child.equals(tasks.getVariable(task.getId(), "childNumber")))
            .findFirst().orElseThrow(() -> new AssertionError("no open " + taskKey + (agency == null ? "" : " of " + agency)
                + (child == null ? "" : " for child " + child) + " in " + reference));
      }

      @Override
      public com.fasterxml.jackson.databind.JsonNode offered(String user, String reference, String taskKey, String agency,
                                                            Integer child, String variable) {
        try {
          return new com.fasterxml.jackson.databind.ObjectMapper().readTree(
              forms.getTaskFormVariables(open(reference, taskKey, agency, child).getId()).get(variable).toString());
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }

      @Override
      public Instant due(String user, String reference, String taskKey, String agency, Integer child) {
        return open(reference, taskKey, agency, child).getDueDate().toInstant();
      }

      @Override
      public void complete(String user, String reference, String taskKey, String agency, Integer child, Map<String, Object> variables) {
        ProcessTestSupport.this.complete(open(reference, taskKey, agency, child), variables);
      }

      @Override
      public void runDueJobs(String reference) {
        fireDueTimers(reference);
      }
    };
  }

  protected ProcessInstance calledProcess(String reference, String processKey) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(processKey).singleResult();
  }

  /**
   * A new inspection of domestic abuse notified on Monday 24 May 2027 at 09:10, the engine clock at 10:00, and the
   * Business Unit's notification of the partners done, so that each agency's first tasks are open. Its reference.
   */
  protected String inspectionWithPartnersNotified() {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00");
    moveClockTo("2027-05-24T10:00:00+01:00");
    complete(task(reference, "Task_NotifyPartners"), Map.of("contactsCurrent", true));
    return reference;
  }

  protected Task task(String reference, String taskKey) {
    return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskKey).singleResult();
  }

  protected Task agencyTask(String reference, String taskKey, String agency) {
    return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskKey)
        .taskCandidateGroup(agency).singleResult();
  }

  protected List<Task> openTasks(String reference, String taskKey) {
    return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskKey).list();
  }

  protected void complete(Task task, Map<String, Object> variables) {
    assertThat(task).as("open task").isNotNull();
    tasks.complete(task.getId(), variables);
  }

  /**
   * Executes the inspection's jobs due at the engine clock's now (its timers that have fired), as the job
   * executor would; returns how many. Jobs of other tests' inspections are left alone.
   */
  protected int fireDueTimers(String reference) {
    int fired = 0;
    while (true) {
      Set<String> instances = new HashSet<>();
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).list()
          .forEach(instance -> instances.add(instance.getId()));
      List<Job> due = management.createJobQuery().executable().list().stream()
          .filter(job -> instances.contains(job.getProcessInstanceId())).toList();
      if (due.isEmpty()) {
        return fired;
      }
      for (Job job : due) {
        // A job fired before may have ended its scope (a stage closing at its milestone): its siblings are gone.
        if (management.createJobQuery().jobId(job.getId()).count() == 0) {
          continue;
        }
        management.executeJob(job.getId());
        fired++;
      }
    }
  }

  /** Outbox rows of an inspection, oldest first: template, recipients, subject, body, status. */
  protected List<Map<String, Object>> outbox(String reference) {
    return jdbc.queryForList("select id, template, recipients, subject, body, status from jtai_outbox "
        + "where reference = ? order by id", reference);
  }

  protected List<Map<String, Object>> outbox(String reference, String template) {
    return outbox(reference).stream().filter(row -> template.equals(row.get("TEMPLATE"))).toList();
  }
}
