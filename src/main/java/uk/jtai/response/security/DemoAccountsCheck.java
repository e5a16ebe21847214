package uk.jtai.response.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.digest.PasswordManager;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outside the demo profile: no demo account may exist. A database (or H2 data directory) once used by
 * the demo profile still holds its users and their published password, and nothing else would say so.
 * Start-up is refused, naming the accounts and how to remove them; with {@code jtai.demo.remove-accounts}
 * (an explicit choice for one start, never a default) they are deleted instead, each one logged.
 * <p>
 * A demo account is a user with a demo user id (reserved for the demo, whatever its password) or any
 * user whose password is the demo password (e.g. the demo's {@code admin}). The password is compared with
 * the stored salted hash directly: {@link IdentityService#checkPassword} would count every user whose
 * password is not the demo one as a failed sign-in.
 */
class DemoAccountsCheck {

  private static final Logger log = LoggerFactory.getLogger(DemoAccountsCheck.class);

  static final String REMOVE_SETTING = "JTAI_REMOVE_DEMO_ACCOUNTS=true (jtai.demo.remove-accounts)";

  private final DemoUsers demo;
  private final boolean remove;

  DemoAccountsCheck(DemoUsers demo, boolean remove) {
    this.demo = demo;
    this.remove = remove;
  }

  void apply(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    List<String> demoIds = identity.createUserQuery().userIdIn(demo.ids().toArray(String[]::new)).list().stream()
        .map(User::getId).sorted().toList();
    List<String> demoPassword = usersWithPassword(engine, demo.password()).stream()
        .filter(id -> !demoIds.contains(id)).toList();
    if (demoIds.isEmpty() && demoPassword.isEmpty()) {
      return;
    }
    if (remove) {
      Set<String> users = new LinkedHashSet<>(demoIds);
      users.addAll(demoPassword);
      for (String user : users) {
        identity.deleteUser(user);
        log.warn("Demo account '{}' deleted ({} is set): unset it now", user, REMOVE_SETTING);
      }
      return;
    }
    List<String> found = new ArrayList<>();
    if (!demoIds.isEmpty()) {
      found.add(String.join(", ", demoIds) + " (the demo profile's user ids)");
    }
    if (!demoPassword.isEmpty()) {
      found.add(String.join(", ", demoPassword) + " (the demo password)");
    }
    throw new IllegalStateException("Demo accounts exist outside the demo profile: " + String.join("; ", found)
        + ". The demo profile once used this database, and the demo password is published. To delete exactly these "
        + "users, start once with " + REMOVE_SETTING + ", then unset it (an administrator deleted is created again "
        + "from JTAI_ADMIN_USER / JTAI_ADMIN_PASSWORD); or start on a new database.");
  }

  /** Ids of the users whose stored password is {@code password}; sign-in attempts are left untouched. */
  private static List<String> usersWithPassword(ProcessEngine engine, String password) {
    PasswordManager passwords = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getPasswordManager();
    List<String> ids = new ArrayList<>();
    for (User user : engine.getIdentityService().createUserQuery().orderByUserId().asc().list()) {
      if (user instanceof UserEntity entity && entity.getPassword() != null
          && matches(passwords, password, entity.getPassword(), entity.getSalt())) {
        ids.add(user.getId());
      }
    }
    return ids;
  }

  private static boolean matches(PasswordManager passwords, String password, String hash, String salt) {
    try {
      return passwords.check(EncryptionUtil.saltPassword(password, salt), hash);
    } catch (ProcessEngineException unknownHashAlgorithm) {
      return false;
    }
  }
}
