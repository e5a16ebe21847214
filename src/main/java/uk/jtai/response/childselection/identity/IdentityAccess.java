package uk.jtai.response.childselection.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import uk.jtai.response.childselection.SelectedChildren;
import uk.jtai.response.childselection.identity.IdentityAccessRecord.ListName;
import uk.jtai.response.process.Standing;

/**
 * Who may see which children's identifying details: only someone who holds an open task of the inspection
 * that works with those children, as one of its candidate groups or its assignee (the same people who see
 * the task in Tasklist). Each agency sees the first selection (the 20) from its known-to-agency return and
 * the child of each of its open Audit Tool tasks; LAIM sees the first selection from its selection and
 * forwarding tasks, and records it from the first two; the Business Unit sees the children selected for
 * audit from sending the Audit Tool and compiling the audit pack. No role sees them otherwise, whatever
 * its groups: not the DCS, the Independent Scrutineer, another agency or an administrator.
 */
@Component
public class IdentityAccess {

  /** The steps that show the first selection (the 20). */
  static final Set<String> FIRST_SELECTION_TASKS = Set.of("Task_RecordFirstSelection", "Task_ForwardReturns",
      "Task_RecordAuditSelection", "Task_ReturnKnownToAgency");
  /** The steps that show the children selected for audit. */
  static final Set<String> AUDIT_SELECTION_TASKS = Set.of("Task_SendAuditTool", "Task_CompileAuditPack");
  /** One agency's audit of one child (case-audit): shows that child. */
  static final String AUDIT_TOOL_TASK = "Task_CompleteAuditTool";
  /** The steps from which LAIM records the list (before or after the selection is completed). */
  static final Set<String> RECORDING_TASKS = Set.of("Task_RecordFirstSelection", "Task_ForwardReturns");

  /**
   * What one user may see of one inspection: per list, the children (null: the whole list), and whether they
   * may record the list.
   */
  public record Grant(Map<ListName, Set<Integer>> lists, boolean mayRecord) {
    public boolean none() {
      return lists.isEmpty() && !mayRecord;
    }

    public boolean sees(ListName list) {
      return lists.containsKey(list);
    }
  }

  private final TaskService tasks;
  private final IdentityService identity;
  private final SelectedChildren selected;

  public IdentityAccess(@Lazy TaskService tasks, @Lazy IdentityService identity, SelectedChildren selected) {
    this.tasks = tasks;
    this.identity = identity;
    this.selected = selected;
  }

  public Grant grant(String reference, String userId, Collection<String> groups) {
    Set<String> mine = groups == null ? Set.of() : Set.copyOf(groups);
    return asEngine(() -> {
      Map<ListName, Set<Integer>> lists = new EnumMap<>(ListName.class);
      boolean mayRecord = false;
      List<String> keys = new ArrayList<>(FIRST_SELECTION_TASKS);
      keys.addAll(AUDIT_SELECTION_TASKS);
      keys.add(AUDIT_TOOL_TASK);
      for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(reference)
          .taskDefinitionKeyIn(keys.toArray(String[]::new)).active().list()) {
        if (!holds(task, userId, mine)) {
          continue;
        }
        String key = task.getTaskDefinitionKey();
        if (FIRST_SELECTION_TASKS.contains(key)) {
          lists.put(ListName.FIRST_SELECTION, null);
        } else if (AUDIT_SELECTION_TASKS.contains(key)) {
          lists.put(ListName.AUDIT_SELECTION, null);
        } else if (!lists.containsKey(ListName.AUDIT_SELECTION) || lists.get(ListName.AUDIT_SELECTION) != null) {
          Object child = tasks.getVariable(task.getId(), Standing.CHILD_NUMBER.name());
          if (child instanceof Integer number) {
            lists.computeIfAbsent(ListName.AUDIT_SELECTION, list -> new LinkedHashSet<>()).add(number);
          }
        }
        mayRecord |= RECORDING_TASKS.contains(key);
      }
      return new Grant(lists, mayRecord);
    });
  }

  /** The children of {@code list} the grant shows, from the recorded details, in the inspectors' order. */
  public List<ChildIdentity> shown(String reference, Grant grant, ListName list, List<ChildIdentity> recorded) {
    if (!grant.sees(list)) {
      return List.of();
    }
    if (list == ListName.FIRST_SELECTION) {
      return recorded;
    }
    List<String> audited = selected.auditSelection(reference);
    Set<Integer> only = grant.lists().get(list);
    List<ChildIdentity> shown = new ArrayList<>();
    for (int i = 0; i < audited.size(); i++) {
      if (only == null || only.contains(i + 1)) {
        String child = audited.get(i);
        recorded.stream().filter(c -> c.childReference().equals(child)).findFirst().ifPresent(shown::add);
      }
    }
    return shown;
  }

  private boolean holds(Task task, String userId, Set<String> groups) {
    if (userId != null && userId.equals(task.getAssignee())) {
      return true;
    }
    for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType())
          && (link.getGroupId() != null && groups.contains(link.getGroupId()) || userId != null && userId.equals(link.getUserId()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs the lookup as the engine itself: the rule above decides, not what the signed-in user's
   * authorizations happen to let a query return. The user's authentication is put back afterwards.
   */
  private <T> T asEngine(Supplier<T> lookup) {
    Authentication user = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return lookup.get();
    } finally {
      if (user != null) {
        identity.setAuthentication(user);
      }
    }
  }
}
