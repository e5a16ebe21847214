package uk.jtai.response;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import uk.jtai.response.deployment.ModelDeployer;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.process.EngineIndexes;
import uk.jtai.response.process.HistoryUpdatesWithoutStartTime;
import uk.jtai.response.process.HistoryWhereRead;
import uk.jtai.response.process.QueryPropertiesWithoutGetters;
import uk.jtai.response.process.VariablesAhead;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.security.AdminProperties;
import uk.jtai.response.security.DemoUsers;
import uk.jtai.response.security.GrantsOnlyAuthorization;
import uk.jtai.response.security.IdentitySetup;
import uk.jtai.response.security.ProcessStarters;
import uk.jtai.response.tasks.FormSchemas;
import uk.jtai.response.tasks.GuardedFormService;
import uk.jtai.response.tasks.GuardedManagementService;
import uk.jtai.response.tasks.GuardedRuntimeService;
import uk.jtai.response.tasks.GuardedTaskService;
import uk.jtai.response.tasks.SubmissionErrorsUnwrapped;
import uk.jtai.response.tasks.TaskCreated;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.tasks.TaskFormGuard;
import uk.jtai.response.tasks.TaskUpdated;

/** How the product configures the Camunda engine the starter builds. */
@Configuration
public class EngineConfiguration {

  /** Server-side form checks on every user task; ids the product's groups and users may take. */
  @Bean
  @Order(1)
  ProcessEnginePlugin jtaiEngineSettings(ObjectProvider<TaskForm<?>> forms, ObjectProvider<TaskCreated> created,
                                         ObjectProvider<TaskUpdated> updated,
                                         @Value("${jtai.history.pass-through-steps:false}") boolean passThroughSteps,
                                         @Value("${jtai.history.routine-job-log:false}") boolean routineJobLog) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
            ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new TaskFormGuard(forms, created, updated));
        configuration.setCustomPostBPMNParseListeners(listeners);
        // Every door of the engine (REST, Tasklist, Java) passes the product's rules: the form is the schema,
        // child-level data never becomes a variable, claims name the signed-in user (tasks/Guarded*Service).
        FormSchemas schemas = new FormSchemas();
        configuration.setTaskService(new GuardedTaskService(schemas));
        configuration.setFormService(new GuardedFormService(schemas));
        configuration.setRuntimeService(new GuardedRuntimeService(schemas));
        configuration.setManagementService(new GuardedManagementService(configuration));
        configuration.setCustomPostCommandInterceptorsTxRequired(withUnwrapping(configuration.getCustomPostCommandInterceptorsTxRequired()));
        // Group ids follow the roles (business-unit, police-senior); demo user ids read police.lead.
        configuration.setGroupResourceWhitelistPattern("[a-z0-9][a-z0-9-]*");
        configuration.setUserResourceWhitelistPattern("[a-zA-Z0-9][a-zA-Z0-9._@-]*");
        // Structured variables (lists of answers) are JSON, never Java serialisation.
        configuration.setDefaultSerializationFormat(Variables.SerializationDataFormats.JSON.getName());
        // History updates that do not end an instance are written without reading its start time, which they do not
        // use (process/HistoryUpdatesWithoutStartTime).
        configuration.setHistoryEventHandler(new HistoryUpdatesWithoutStartTime());
        // History where someone reads it: not every past value of every variable, nor the steps a token only passes
        // through, nor multi-instance counters, nor routine job-log rows (process/HistoryWhereRead).
        List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null
            ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryLevels());
        levels.add(new HistoryWhereRead(passThroughSteps, routineJobLog));
        configuration.setCustomHistoryLevels(levels);
        // Query properties without getters read from their fields at once, not after OGNL searches every method.
        QueryPropertiesWithoutGetters.install();
        // Grants only, so no per-command look-up of revokes and of which groups have authorizations.
        GrantsOnlyAuthorization.configure(configuration);
        // Every job has a due date, so the job executor's acquisition can use an index (process/EngineIndexes).
        EngineIndexes.configure(configuration);
        // The variables of the scopes above a task are loaded together, not one scope at a time (process/VariablesAhead).
        VariablesAhead.configure(configuration);
      }

      @Override
      public void postInit(ProcessEngineConfigurationImpl configuration) {
        requireIdleBackOff(configuration.getJobExecutor());
        VariablesAhead.registerStatement(configuration);
      }

      @Override
      public void postProcessEngineBuild(ProcessEngine engine) {
        // Indexes Camunda's schema lacks for statements it runs on every completion and every job poll.
        EngineIndexes.apply((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration());
        GrantsOnlyAuthorization.requireNoRevokes(engine);
      }
    };
  }

  /**
   * Refuses a job executor whose longest idle wait ({@code camunda.bpm.job-execution.max-wait}) is below its first
   * ({@code wait-time-in-millis}): Camunda's back-off then never leaves level 0 and job acquisition queries the
   * database and commits without pause (measured 2,600 times a second on an idle engine), starving everything else.
   */
  static void requireIdleBackOff(org.camunda.bpm.engine.impl.jobexecutor.JobExecutor jobExecutor) {
    if (jobExecutor != null && jobExecutor.getMaxWait() < jobExecutor.getWaitTimeInMillis()) {
      throw new IllegalStateException("camunda.bpm.job-execution.max-wait (" + jobExecutor.getMaxWait() + " ms) is below "
          + "wait-time-in-millis (" + jobExecutor.getWaitTimeInMillis() + " ms): the job executor would poll the database "
          + "without pause when idle; set max-wait at least as long as wait-time-in-millis");
    }
  }

  private static List<CommandInterceptor> withUnwrapping(List<CommandInterceptor> interceptors) {
    List<CommandInterceptor> all = interceptors == null ? new ArrayList<>() : new ArrayList<>(interceptors);
    all.add(new SubmissionErrorsUnwrapped());
    return all;
  }

  /** After the engine is built: the models and forms, then users, groups, authorizations and filters. */
  @Bean
  @Order(2)
  ProcessEnginePlugin jtaiEngineContent(ThemeRegistry themes, Partnership partnership, AdminProperties admin,
                                        DemoUsers demo, Environment environment, ObjectProvider<ProcessStarters> starters,
                                        @Value("${jtai.demo.remove-accounts:false}") boolean removeDemoAccounts) {
    boolean demoProfile = environment.acceptsProfiles(Profiles.of("demo"));
    return new AbstractProcessEnginePlugin() {
      @Override
      public void postProcessEngineBuild(ProcessEngine engine) {
        new IdentitySetup(partnership, admin, demo, demoProfile, removeDemoAccounts, starters.orderedStream().toList()).apply(engine);
        new ModelDeployer(themes, partnership).deploy(engine);
      }
    };
  }
}
