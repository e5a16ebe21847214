package uk.jtai.response.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uk.jtai.response.JtaiResponseApplication;

/** Secure by default: no administrator, no start; demo users only in the demo profile, never outside it. */
class StartupIT {

  private static final String CHIEF_PASSWORD = "Long-Secret-2027!";
  private static final String KEEPER_PASSWORD = "Quiet-Harbour-2027!";
  private static final String IDENTITY_KEY = uk.jtai.response.childselection.identity.IdentityCipher.newKey();

  /** Arguments, not default properties: they must win over application.yaml's database. */
  private static String[] args(String database, String... properties) {
    List<String> args = new java.util.ArrayList<>(List.of("--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
        "--server.port=0", "--camunda.bpm.job-execution.enabled=false", "--jtai.mail.sender.enabled=false",
        // Its own engine name: the engines of the other tests' application context stay registered.
        // (Camunda ignores a name with a hyphen and takes "default", whose closing then unregisters the
        // shared context's engine and breaks every later HTTP test.)
        "--camunda.bpm.process-engine-name=" + database.replace('-', '_'),
        // No Camunda webapps: closing them clears Camunda's static Cockpit, Tasklist and Admin runtime
        // delegates, and the shared context's Tasklist API then fails every request with a NullPointerException.
        "--camunda.bpm.webapp.enabled=false"));
    for (String property : properties) {
      args.add("--" + property);
    }
    // Every start needs the key of the children's identifying details; a test that is about it sets its own,
    // and the demo profile has one of its own.
    if (!database.startsWith("startup-demo") && java.util.Arrays.stream(properties).noneMatch(p -> p.startsWith("jtai.identity.key="))) {
      args.add("--jtai.identity.key=" + IDENTITY_KEY);
    }
    return args.toArray(String[]::new);
  }

  private static SpringApplicationBuilder app() {
    return new SpringApplicationBuilder(JtaiResponseApplication.class);
  }

  @Test
  void withoutAnAdministratorTheServiceRefusesToStartAndSaysWhatToSet() {
    assertThatThrownBy(() -> app().run(args("startup-no-admin")).close())
        .rootCause().hasMessageContaining("JTAI_ADMIN_USER").hasMessageContaining("JTAI_ADMIN_PASSWORD");
  }

  @Test
  void withoutTheKeyOfTheChildrensIdentifyingDetailsTheServiceRefusesToStartAndSaysWhatToSet() {
    assertThatThrownBy(() -> app().run(args("startup-no-identity-key", "jtai.admin.user-id=chief",
        "jtai.admin.password=" + CHIEF_PASSWORD, "jtai.identity.key=")).close())
        .rootCause().hasMessageContaining("JTAI_IDENTITY_KEY").hasMessageContaining("openssl rand -base64 32");
  }

  @Test
  void theAdministratorComesFromTheEnvironmentAndNoOtherUserExists() {
    try (ConfigurableApplicationContext context = app().run(args("startup-admin",
        "jtai.admin.user-id=chief", "jtai.admin.password=" + CHIEF_PASSWORD))) {
      ProcessEngine engine = context.getBean(ProcessEngine.class);
      assertThat(engine.getIdentityService().createUserQuery().list()).extracting(u -> u.getId()).containsExactly("chief");
      assertThat(engine.getIdentityService().checkPassword("chief", CHIEF_PASSWORD)).isTrue();
      assertThat(engine.getIdentityService().createUserQuery().memberOfGroup("camunda-admin").count()).isEqualTo(1);
    }
  }

  @Test
  void theDemoProfileSeedsOneUserPerRoleAndAFilterPerGroup() {
    try (ConfigurableApplicationContext context = app().profiles("demo").run(args("startup-demo"))) {
      ProcessEngine engine = context.getBean(ProcessEngine.class);
      for (String user : List.of("bu", "laim", "dcs", "scrutineer", "police.lead", "police.deputy", "police.senior",
          "health.lead", "probation.lead", "yjs.lead", "education.lead", "admin")) {
        assertThat(engine.getIdentityService().checkPassword(user, "jtai-demo")).as(user).isTrue();
      }
      assertThat(context.getEnvironment().getProperty("jtai.identity.key-id")).as("the demo-only key, no other given")
          .isEqualTo("demo");
      assertThat(engine.getIdentityService().createUserQuery().memberOfGroup("la-senior").singleResult().getId())
          .isEqualTo("dcs");
      Filter police = engine.getFilterService().createFilterQuery().filterName("Police lead contact and deputies tasks")
          .singleResult();
      assertThat(police).isNotNull();
      assertThat(engine.getAuthorizationService().isUserAuthorized("police.lead", List.of("police"), Permissions.READ,
          Resources.FILTER, police.getId())).isTrue();
      assertThat(engine.getAuthorizationService().isUserAuthorized("health.lead", List.of("health"), Permissions.READ,
          Resources.FILTER, police.getId())).isFalse();

      int port = ((org.springframework.boot.web.context.WebServerApplicationContext) context).getWebServer().getPort();
      assertThat(uk.jtai.response.support.Http.anonymous(port).get("/actuator/health").statusCode())
          .as("healthy without a mail server (nothing listens on the demo's localhost:1025 here): e-mails wait in the outbox")
          .isEqualTo(200);
    }
  }

  @Test
  void demoAccountsLeftOnTheDatabaseStopAStartOutsideTheDemoProfileUntilTheyAreRemoved() {
    String database = "startup-leftovers";
    try (ConfigurableApplicationContext demo = app().profiles("demo").run(args(database))) {
      IdentityService identity = demo.getBean(ProcessEngine.class).getIdentityService();
      User keeper = identity.newUser("keeper");
      keeper.setPassword(KEEPER_PASSWORD);
      identity.saveUser(keeper);
    }
    String[] production = {"jtai.admin.user-id=chief", "jtai.admin.password=" + CHIEF_PASSWORD};

    assertThatThrownBy(() -> app().run(args(database, production)).close())
        .rootCause().hasMessageContaining("outside the demo profile: bu, dcs,").hasMessageContaining("police.lead")
        .hasMessageContaining("; admin (the demo password)").hasMessageNotContaining("keeper")
        .hasMessageContaining("JTAI_REMOVE_DEMO_ACCOUNTS=true");

    String[] removing = {production[0], production[1], "jtai.demo.remove-accounts=true"};
    try (ConfigurableApplicationContext context = app().run(args(database, removing))) {
      IdentityService identity = context.getBean(ProcessEngine.class).getIdentityService();
      assertThat(identity.createUserQuery().list()).extracting(User::getId).containsExactlyInAnyOrder("chief", "keeper");
      assertThat(((UserEntity) identity.createUserQuery().userId("keeper").singleResult()).getAttempts())
          .as("looking for the demo password is no failed sign-in").isZero();
      assertThat(identity.checkPassword("keeper", KEEPER_PASSWORD)).isTrue();
    }
  }

  @Test
  void anAdministratorPasswordThatBreaksThePasswordPolicyStopsStartUpSayingWhatThePolicyRequires() {
    assertThatThrownBy(() -> app().run(args("startup-weak-admin", "jtai.admin.user-id=chief",
        "jtai.admin.password=chief2027abc")).close())
        .rootCause().hasMessageContaining("JTAI_ADMIN_PASSWORD")
        .hasMessageContaining("Not met: no user id, name or e-mail address in it; at least 1 upper-case letter; "
            + "at least 1 special character.")
        .hasMessageContaining("The policy: no user id, name or e-mail address in it; at least 10 characters; "
            + "at least 1 lower-case letter; at least 1 upper-case letter; at least 1 digit; at least 1 special character.");
  }
}
