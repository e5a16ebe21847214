package uk.jtai.response.notify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import uk.jtai.response.partnership.Contact;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.RoleContacts;

/**
 * Who works a task of a Camunda group: the group's users that have an e-mail address, as kept in Admin;
 * when none has, the partnership's mailbox for that role ({@link RoleContacts}: an agency's lead contact and
 * deputy, its senior approver, the Business Unit...), so a reminder reaches someone before users are set up.
 */
@Component
public class GroupRecipients {

  private final IdentityService identity;
  private final Partnership partnership;
  private final RoleContacts roles;

  public GroupRecipients(@Lazy IdentityService identity, Partnership partnership, RoleContacts roles) {
    this.identity = identity;
    this.partnership = partnership;
    this.roles = roles;
  }

  /** The people of the groups; the Business Unit when no group has anyone to tell. */
  public List<Contact> of(List<String> groups) {
    return of(groups, this::members);
  }

  /** The people a task is for: its assignee (when they have an e-mail address) and the people of its groups. */
  public List<Contact> ofTask(String assignee, List<String> groups) {
    return ofTask(assignee, groups, this::user, this::members);
  }

  /**
   * The same answers for many e-mails written together (a batch of reminders), each group's members and each
   * assignee read once.
   */
  public Batch batch() {
    return new Batch();
  }

  /** {@link #ofTask} remembering what it has read; for one batch, not to be kept. */
  public final class Batch {

    private final Map<String, List<Contact>> users = new HashMap<>();
    private final Map<String, List<Contact>> members = new HashMap<>();

    private Batch() {}

    public List<Contact> ofTask(String assignee, List<String> groups) {
      return GroupRecipients.this.ofTask(assignee, groups, id -> users.computeIfAbsent(id, GroupRecipients.this::user),
          group -> members.computeIfAbsent(group, GroupRecipients.this::members));
    }
  }

  private List<Contact> of(List<String> groups, Function<String, List<Contact>> membersOf) {
    List<Contact> contacts = new ArrayList<>();
    for (String group : groups) {
      List<Contact> members = membersOf.apply(group);
      contacts.addAll(members.isEmpty() ? roles.mailboxes(group) : members);
    }
    if (contacts.isEmpty()) {
      contacts.add(partnership.businessUnit());
    }
    return contacts;
  }

  private List<Contact> ofTask(String assignee, List<String> groups, Function<String, List<Contact>> userOf,
                               Function<String, List<Contact>> membersOf) {
    List<Contact> contacts = new ArrayList<>();
    if (assignee != null) {
      contacts.addAll(userOf.apply(assignee));
    }
    if (!groups.isEmpty() || contacts.isEmpty()) {
      contacts.addAll(of(groups, membersOf));
    }
    return contacts;
  }

  /** The assignee as a contact, if they exist and have an e-mail address. */
  private List<Contact> user(String id) {
    User user = identity.createUserQuery().userId(id).singleResult();
    return user == null ? List.of() : contacts(List.of(user));
  }

  private List<Contact> members(String group) {
    return contacts(identity.createUserQuery().memberOfGroup(group).list());
  }

  private static List<Contact> contacts(List<User> users) {
    List<Contact> members = new ArrayList<>();
    for (User user : users) {
      if (user.getEmail() != null && !user.getEmail().isBlank()) {
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
            + (user.getLastName() == null ? "" : user.getLastName())).strip();
        members.add(new Contact(name.isEmpty() ? user.getId() : name, user.getEmail()));
      }
    }
    return members;
  }
}
