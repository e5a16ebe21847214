package uk.jtai.response.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.jtai.response.process.Standing;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * Whose open tasks are, read for many tasks at once, is what the engine says task by task: the agency variable as
 * {@code getVariable} finds it up the scopes, and the candidate groups in the engine's order.
 */
class OpenTaskOwnersTest extends ProcessTestSupport {

  @Autowired OpenTaskOwners owners;

  @Test
  void theOwnersOfEveryOpenTaskInWeek2AreWhatTheEngineSaysTaskByTask() {
    String reference = newReference();
    reachWeek2(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00", 20, 6);
    List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(reference).list();
    assertThat(open).hasSizeGreaterThan(5);
    // A task's own variable comes before its scopes' (its row has the task as its scope).
    Task ownAgency = open.stream().filter(task -> tasks.getVariable(task.getId(), Standing.AGENCY.name()) != null)
        .findFirst().orElseThrow();
    tasks.setVariableLocal(ownAgency.getId(), Standing.AGENCY.name(), "the task's own");

    Map<String, OpenTaskOwners.Owner> read = owners.of(open.stream().map(Task::getId).toList());
    assertThat(read.get(ownAgency.getId()).agency()).isEqualTo("the task's own");

    assertThat(read.keySet()).containsExactlyElementsOf(open.stream().map(Task::getId).toList());
    for (Task task : open) {
      Object agency = tasks.getVariable(task.getId(), Standing.AGENCY.name());
      assertThat(read.get(task.getId()).agency()).as(task.getName()).isEqualTo(agency instanceof String text ? text : null);
      assertThat(read.get(task.getId()).candidateGroups()).as(task.getName()).containsExactlyElementsOf(
          tasks.getIdentityLinksForTask(task.getId()).stream()
              .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
              .map(IdentityLink::getGroupId).toList());
    }
    assertThat(read.values()).as("per-agency tasks among them").anyMatch(owner -> owner.agency() != null)
        .as("and tasks of no agency").anyMatch(owner -> owner.agency() == null);
    assertThat(owners.of(open.get(0).getId(), false)).get().extracting(OpenTaskOwners.Owner::agency).isNull();
  }

  @Test
  void everyOpenTaskInWeek2ReadForThePollersIsWhatTheEngineSays() {
    String reference = newReference();
    reachWeek2(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00", 20, 6);
    List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(reference).list();
    Map<String, OpenTaskOwners.Owner> owned = owners.of(open.stream().map(Task::getId).toList());

    Map<String, OpenTaskOwners.OpenTask> read = owners.open(open.stream().map(Task::getId).toList());

    assertThat(read.keySet()).containsExactlyElementsOf(open.stream().map(Task::getId).toList());
    for (Task task : open) {
      OpenTaskOwners.OpenTask as = read.get(task.getId());
      assertThat(as.name()).isEqualTo(task.getName());
      assertThat(as.assignee()).as(task.getName()).isEqualTo(task.getAssignee());
      assertThat(as.due()).as(task.getName()).isEqualTo(task.getDueDate() == null ? null : task.getDueDate().toInstant());
      assertThat(as.agency()).as(task.getName()).isEqualTo(owned.get(task.getId()).agency());
      assertThat(as.candidateGroups()).as(task.getName()).isSorted()
          .containsExactlyInAnyOrderElementsOf(owned.get(task.getId()).candidateGroups());
    }
    assertThat(read.values()).as("tasks with a deadline").anyMatch(task -> task.due() != null)
        .as("tasks without one").anyMatch(task -> task.due() == null)
        .as("per-agency tasks").anyMatch(task -> task.agency() != null);

    // The agency asked for some tasks only: the others read the same but for their agency, left null.
    List<String> agencyAskedFor = read.values().stream().filter(task -> task.agency() != null).limit(2)
        .map(OpenTaskOwners.OpenTask::id).toList();
    Map<String, OpenTaskOwners.OpenTask> some = owners.open(open.stream().map(Task::getId).toList(), agencyAskedFor);
    assertThat(some.keySet()).containsExactlyElementsOf(read.keySet());
    for (OpenTaskOwners.OpenTask task : some.values()) {
      OpenTaskOwners.OpenTask all = read.get(task.id());
      assertThat(task).as(task.name()).isEqualTo(new OpenTaskOwners.OpenTask(all.id(), all.name(), all.assignee(),
          all.due(), all.candidateGroups(), agencyAskedFor.contains(task.id()) ? all.agency() : null));
    }
    assertThat(owners.open(open.stream().map(Task::getId).toList(), List.of()).values()).as("no agency asked for")
        .allMatch(task -> task.agency() == null);
  }

  @Test
  void aTaskThatHasEndedIsNotInTheAnswer() {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00");
    Task notify = task(reference, "Task_NotifyPartners");
    moveClockTo("2027-05-24T10:00:00+01:00");
    complete(notify, Map.of("contactsCurrent", true));

    assertThat(owners.of(List.of(notify.getId()))).isEmpty();
    assertThat(owners.of(notify.getId(), true)).isEmpty();
    assertThat(owners.of(List.of())).isEmpty();
    assertThat(owners.open(List.of(notify.getId()))).isEmpty();
    assertThat(owners.open(List.of())).isEmpty();
  }
}
