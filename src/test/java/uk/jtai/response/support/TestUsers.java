package uk.jtai.response.support;

import org.camunda.bpm.engine.IdentityService;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.identity.User;

/** Users created for a test, in the product's groups, with one password; removed after the test (ProcessTestSupport). */
public final class TestUsers {

  /** Meets the password policy (no test user's id or name is part of it). */
  public static final String PASSWORD = "Kestrel-Moor-2027!";
  /** The test administrator (application-test.yaml, jtai.admin). */
  public static final String ADMIN = "test-admin";
  public static final String ADMIN_PASSWORD = "Harbour-Lantern-58!";

  /** The users {@link #ensure} created, by the identity service they were created in, until {@link #removeCreated}. */
  private static final Map<IdentityService, Set<String>> CREATED = new ConcurrentHashMap<>();

  private TestUsers() {}

  public static void ensure(IdentityService identity, String userId, String... groups) {
    if (identity.createUserQuery().userId(userId).count() == 0) {
      CREATED.computeIfAbsent(identity, any -> ConcurrentHashMap.newKeySet()).add(userId);
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

  /** Deletes the users (and so their memberships) {@link #ensure} created in this identity service. */
  public static void removeCreated(IdentityService identity) {
    Set<String> created = CREATED.remove(identity);
    if (created != null) {
      created.forEach(identity::deleteUser);
    }
  }
}
