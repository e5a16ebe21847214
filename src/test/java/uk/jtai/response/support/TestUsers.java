package uk.jtai.response.support;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Users created for a test, in the product's groups, with one password. */
public final class TestUsers {

  /** Meets the password policy (no test user's id or name is part of it). */
  public static final String PASSWORD = "Kestrel-Moor-2027!";
  /** The test administrator (application-test.yaml, jtai.admin). */
  public static final String ADMIN = "test-admin";
  public static final String ADMIN_PASSWORD = "Harbour-Lantern-58!";

  private TestUsers() {}

  public static void ensure(IdentityService identity, String userId, String... groups) {
    if (identity.createUserQuery().userId(userId).count() == 0) {
      User user = identity.newUser(userId);
      user.setFirstName(userId);
      user.setLastName("Test");
      user.setEmail(userId + "@test.example");
      user.setPassword(PASSWORD);
      identity.saveUser(user);
    }
    for (String group : groups) {
      if (identity.createUserQuery().userId(userId).memberOfGroup(group).count() == 0) {
        identity.createMembership(userId, group);
      }
    }
  }
}
