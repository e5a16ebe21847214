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
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on an in-memory database with the job executor off: tests drive processes
 * through the engine API, move the engine clock and fire due timers themselves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class ProcessTestSupport {

  private static final AtomicInteger REFERENCES = new AtomicInteger();

  @Autowired protected ProcessEngine engine;
  @Autowired protected RuntimeService runtime;
  @Autowired protected TaskService tasks;
  @Autowired protected FormService forms;
  @Autowired protected HistoryService history;
  @Autowired protected ManagementService management;
  @Autowired protected RepositoryService repository;
  @Autowired protected JdbcTemplate jdbc;

  @BeforeEach
  void initAssertions() {
    BpmnAwareTests.init(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    engine.getIdentityService().clearAuthentication();
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

  /** Days 1 to 2 done as far as the child selection needs: the Local Authority's Annex A is submitted. */
  protected void submitAnnexA(String reference) {
    Task annexA = task(reference, "Task_SubmitAnnexA");
    String rows = tasks.getVariable(annexA.getId(), "annexALists").toString()
        .replace("\"uploaded\":false", "\"uploaded\":true")
        .replace("\"portalReference\":\"\"", "\"portalReference\":\"Inspectors' portal\"");
    complete(annexA, Map.of("annexALists", org.camunda.spin.plugin.variable.SpinValues.jsonValue(rows).create()));
  }

  /**
   * The child-selection stage done on time: the first selection recorded, every agency answering No
   * throughout, the returns forwarded, the first {@code auditCount} selected for audit, the tool sent.
   */
  protected void runChildSelection(String reference, List<String> children, int auditCount) {
    complete(task(reference, "Task_RecordFirstSelection"), Map.of("firstSelectionEntry", String.join("\n", children)));
    for (Task answer : openTasks(reference, "Task_ReturnKnownToAgency")) {
      String rows = tasks.getVariable(answer.getId(), "knownToAgencyAnswers").toString()
          .replace("\"answer\":\"\"", "\"answer\":\"no\"");
      complete(answer, Map.of("knownToAgencyAnswers", org.camunda.spin.plugin.variable.SpinValues.jsonValue(rows).create()));
    }
    fireDueTimers(reference);
    complete(task(reference, "Task_ForwardReturns"), Map.of("returnsSentToInspectors", true,
        "returnsSentAt", OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), java.time.ZoneOffset.UTC).toString()));
    complete(task(reference, "Task_RecordAuditSelection"),
        Map.of("auditSelectionEntry", String.join("\n", children.subList(0, auditCount))));
    complete(task(reference, "Task_SendAuditTool"), Map.of("auditToolAvailable", true));
  }

  /**
   * An inspection brought to week 2 on time: notified {@code notifiedAt}, Annex A in, the first selection
   * of {@code first} children and the first {@code audit} of them selected for audit.
   */
  protected List<String> reachWeek2(String reference, String theme, String notifiedAt, int first, int audit) {
    startInspection(reference, theme, notifiedAt);
    submitAnnexA(reference);
    List<String> children = uk.jtai.response.support.ChildData.references(
        Math.abs(reference.hashCode() % 900) + 100, first);
    runChildSelection(reference, children, audit);
    return children.subList(0, audit);
  }

  protected ProcessInstance calledProcess(String reference, String processKey) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(processKey).singleResult();
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
