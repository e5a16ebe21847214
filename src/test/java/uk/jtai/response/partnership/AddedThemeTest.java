package uk.jtai.response.partnership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.jtai.response.JtaiResponseApplication;
import uk.jtai.response.support.ChildData;

/**
 * A partnership adds the next theme as a file, with no code change: the service started with
 * jtai.themes.extra-location pointing at src/test/resources/added-themes runs the first days of an
 * inspection on it (its agencies, counts, Annex A lists, question and deadlines) and readiness on it.
 * Its own application and in-memory database, so the added themes stay out of the other tests.
 */
class AddedThemeTest {

  private static ConfigurableApplicationContext app;
  private static ProcessEngine engine;
  private static TaskService tasks;
  private static JdbcTemplate jdbc;

  @BeforeAll
  static void startWithTheAddedThemes() {
    app = new SpringApplicationBuilder(JtaiResponseApplication.class).run(
        "--spring.datasource.url=jdbc:h2:mem:added-theme;DB_CLOSE_DELAY=-1", "--server.port=0",
        "--camunda.bpm.process-engine-name=added-theme", "--camunda.bpm.job-execution.enabled=false",
        "--jtai.mail.sender.enabled=false", "--jtai.purge.sweeper.enabled=false",
        "--jtai.admin.user-id=added-theme-admin", "--jtai.admin.password=an-admin-password",
        "--jtai.themes.extra-location=classpath:added-themes/*.yaml");
    engine = app.getBean(ProcessEngine.class);
    tasks = engine.getTaskService();
    jdbc = app.getBean(JdbcTemplate.class);
  }

  @AfterAll
  static void stop() {
    ClockUtil.reset();
    if (app != null) {
      app.close();
    }
  }

  private static void clock(String iso) {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(iso).toInstant()));
  }

  private static List<Task> open(String reference, String taskKey) {
    return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskKey).list();
  }

  private static Task one(String reference, String taskKey) {
    return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskKey).singleResult();
  }

  private static void runJobs(String reference) {
    List<String> instances = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(reference).list()
        .stream().map(instance -> instance.getId()).toList();
    for (Job job : engine.getManagementService().createJobQuery().executable().list()) {
      if (instances.contains(job.getProcessInstanceId())) {
        engine.getManagementService().executeJob(job.getId());
      }
    }
  }

  private static String startForm(String processKey) {
    ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(processKey)
        .latestVersion().singleResult();
    return definition.getId();
  }

  @Test
  void theFirstDaysOfAnInspectionRunOnAThemeAddedAsAFile() throws Exception {
    assertThat(app.getBean(ThemeRegistry.class).theme("neglect").name()).isEqualTo("Children aged 7 to 15 experiencing neglect");
    String startFormJson = new String(engine.getFormService().getDeployedStartForm(startForm("jtai-inspection")).readAllBytes(),
        StandardCharsets.UTF_8);
    assertThat(startFormJson).as("the start form offers it").contains("\"value\" : \"neglect\"");

    String reference = "JTAI-2027-05-NEGLECT";
    clock("2027-05-24T09:10:00+01:00");
    Map<String, Object> notification = new HashMap<>();
    notification.put("reference", reference);
    notification.put("theme", "neglect");
    notification.put("notifiedAt", "2027-05-24T09:10:00+01:00");
    engine.getFormService().submitStartForm(startForm("jtai-inspection"), notification);

    assertThat(jdbc.queryForObject("select due from jtai_milestone where reference = ? and name = 'TWENTY_SELECTED'",
        OffsetDateTime.class, reference).toInstant()).as("its own deadline: day 4 at 12:00")
        .isEqualTo(OffsetDateTime.parse("2027-05-27T12:00:00+01:00").toInstant());

    clock("2027-05-24T10:00:00+01:00");
    tasks.complete(one(reference, "Task_NotifyPartners").getId(), Map.of("contactsCurrent", true));
    List<Task> confirmations = open(reference, "Task_ConfirmLeadContact");
    assertThat(confirmations).as("its agencies").extracting(Task::getName).containsExactlyInAnyOrder(
        "Confirm your lead contact is available and briefed (Local Authority)",
        "Confirm your lead contact is available and briefed (Police)",
        "Confirm your lead contact is available and briefed (Health)",
        "Confirm your lead contact is available and briefed (Education)");
    assertThat(confirmations.get(0).getDueDate().toInstant()).isEqualTo(OffsetDateTime.parse("2027-05-24T16:00:00+01:00").toInstant());
    confirmations.forEach(task -> tasks.complete(task.getId(), Map.of("confirmedContact", "lead", "contactName", "Lead", "briefed", true)));

    clock("2027-05-25T11:00:00+01:00");
    Task annexA = one(reference, "Task_SubmitAnnexA");
    String lists = tasks.getVariable(annexA.getId(), "annexALists").toString();
    assertThat(lists).contains("referrals-neglect", "child-protection-plans", "multi-agency-audits").doesNotContain("section-47");
    tasks.complete(annexA.getId(), Map.of("annexALists", SpinValues.jsonValue(lists
        .replace("\"uploaded\":false", "\"uploaded\":true").replace("\"portalReference\":\"\"", "\"portalReference\":\"Portal\"")).create()));

    clock("2027-05-26T10:00:00+01:00");
    List<String> children = ChildData.references(91, 16);
    Task first = one(reference, "Task_RecordFirstSelection");
    assertThatThrownBy(() -> tasks.complete(first.getId(), Map.of("firstSelectionEntry", ChildData.lines(children.subList(0, 14)))))
        .hasMessageContaining("the inspectors select 15 to 18 children; 14 were entered");
    tasks.complete(first.getId(), Map.of("firstSelectionEntry", ChildData.lines(children)));
    List<Task> returns = open(reference, "Task_ReturnKnownToAgency");
    assertThat(returns).hasSize(4);
    for (Task answer : returns) {
      String rows = tasks.getVariable(answer.getId(), "knownToAgencyAnswers").toString();
      assertThat(rows).as("'known' and the theme's own question").contains("\"questionId\":\"neglect-known\"");
      assertThat(rows.split("\"questionId\"").length - 1).isEqualTo(16 * 2);
      tasks.complete(answer.getId(), Map.of("knownToAgencyAnswers",
          SpinValues.jsonValue(rows.replace("\"answer\":\"\"", "\"answer\":\"no\"")).create()));
    }
    runJobs(reference);
    clock("2027-05-26T11:30:00+01:00");
    tasks.complete(one(reference, "Task_ForwardReturns").getId(),
        Map.of("returnsSentToInspectors", true, "returnsSentAt", "2027-05-26T11:00:00+01:00"));
    tasks.complete(one(reference, "Task_RecordAuditSelection").getId(),
        Map.of("auditSelectionEntry", ChildData.lines(children.subList(0, 4))));
    tasks.complete(one(reference, "Task_SendAuditTool").getId(), Map.of("auditToolAvailable", true));
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey("child-selection").finished().count()).as("days 3 to 5 done on its counts").isEqualTo(1);
    assertThat(open(reference, "Task_GiveFieldworkMeetings")).hasSize(4);
  }

  @Test
  void readinessRunsOnAnAddedThemeOnceItsFileListsTheEvidence() {
    clock("2027-06-01T10:00:00+01:00");
    Map<String, Object> values = new HashMap<>();
    values.put("theme", "neglect");
    values.put("evidenceLocation", "Shared folder / Neglect");
    values.put("readinessDue", "2027-06-30T17:00:00+01:00");
    String key = engine.getFormService().submitStartForm(startForm("theme-readiness"), values).getBusinessKey();
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(key).taskDefinitionKey("Task_CompleteChecklist").list())
        .extracting(Task::getName).containsExactlyInAnyOrder("Complete your documentary evidence checklist (Local Authority)",
            "Complete your documentary evidence checklist (Police)", "Complete your documentary evidence checklist (Health)");

    values.put("theme", "criminal-exploitation");
    assertThatThrownBy(() -> engine.getFormService().submitStartForm(startForm("theme-readiness"), values))
        .hasMessageContaining("theme: the theme file of 'Children at risk of criminal exploitation' lists no documentary evidence "
            + "for Local Authority, Police, Health (statutory partners always provide it, guidance 7.3)");
  }
}
