package uk.jtai.response.tasklist;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.security.Roles;

/**
 * The managers' Tasklist filters, for every group beside its "&lt;Group&gt; tasks": "Due today",
 * "Overdue" and, for an agency's groups, "My agency". The partnership's roles (Business Unit, LAIM, DCS,
 * Independent Scrutineer) see only their own groups' tasks like everyone (issue 3); they follow the
 * agencies through the daily digest and Cockpit, so they have no "My agency".
 * Expressions in stored queries are off on purpose (docs/security.md), so the dates are
 * literal and {@link #refresh} rewrites them: the day's window when the day changes (Europe/London), the
 * overdue cut-off every {@code jtai.tasklist.overdue-step}. A filter keeps its id when rewritten; only
 * its group may read it; a refresh with nothing to change writes nothing, so every node may run it.
 */
@Component
public class ManagerFilters {

  private static final Logger log = LoggerFactory.getLogger(ManagerFilters.class);

  static final String DUE_TODAY = "Due today";
  static final String OVERDUE = "Overdue";
  static final String MY_AGENCY = "My agency";

  private final FilterService filters;
  private final TaskService tasks;
  private final AuthorizationService authorizations;
  private final Partnership partnership;
  private final WorkingCalendar calendar;
  private final Duration overdueStep;

  public ManagerFilters(@Lazy FilterService filters, @Lazy TaskService tasks, @Lazy AuthorizationService authorizations,
                        Partnership partnership, WorkingCalendar calendar,
                        @Value("${jtai.tasklist.overdue-step}") Duration overdueStep) {
    this.filters = filters;
    this.tasks = tasks;
    this.authorizations = authorizations;
    this.partnership = partnership;
    this.calendar = calendar;
    this.overdueStep = overdueStep;
  }

  /** Creates or rewrites every group's filters for {@code now}; returns how many it wrote. */
  public int refresh(Instant now) {
    LocalDate today = now.atZone(calendar.zone()).toLocalDate();
    Date startOfToday = Date.from(today.atStartOfDay(calendar.zone()).toInstant());
    Date startOfTomorrow = Date.from(today.plusDays(1).atStartOfDay(calendar.zone()).toInstant());
    Date overdueCutOff = Date.from(cutOff(now));
    int written = 0;
    for (Map.Entry<String, String> group : Roles.groups(partnership).entrySet()) {
      String id = group.getKey();
      String name = group.getValue();
      boolean agency = agencyOf(id) != null;
      // dueAfter is exclusive: a task due at midnight belongs to the day it starts.
      written += ensure(id, DUE_TODAY + " (" + name + ")", "Tasks due today, before midnight",
          tasksOf(id).dueAfter(new Date(startOfToday.getTime() - 1)).dueBefore(startOfTomorrow), 1);
      written += ensure(id, OVERDUE + " (" + name + ")", "Open tasks whose deadline has passed",
          tasksOf(id).dueBefore(overdueCutOff), 2);
      if (agency) {
        written += ensure(id, MY_AGENCY + " (" + name + ")",
            "Every open task of the agency: lead contact, deputy and senior approver", tasksOf(id), 3);
      }
    }
    return written;
  }

  /** The overdue cut-off: now, rounded down to the step, so every node computes the same literal. */
  Instant cutOff(Instant now) {
    ZonedDateTime local = now.atZone(calendar.zone());
    ZonedDateTime midnight = local.toLocalDate().atStartOfDay(calendar.zone());
    long steps = Duration.between(midnight, local).toMillis() / overdueStep.toMillis();
    return midnight.toInstant().plus(overdueStep.multipliedBy(steps));
  }

  /**
   * An agency's groups work its tasks (lead contact and deputies, senior approver); a partnership role's
   * filters name no group: each user sees only its own groups' tasks, which the authorizations enforce.
   */
  private TaskQuery tasksOf(String group) {
    Agency agency = agencyOf(group);
    TaskQuery query = tasks.createTaskQuery();
    if (agency != null) {
      query.taskCandidateGroupIn(List.of(agency.id(), agency.seniorGroup())).includeAssignedTasks();
    }
    return query.orderByDueDate().asc();
  }

  private Agency agencyOf(String group) {
    for (Agency agency : partnership.agencies()) {
      if (agency.id().equals(group) || agency.seniorGroup().equals(group)) {
        return agency;
      }
    }
    return null;
  }

  private int ensure(String group, String name, String description, TaskQuery query, int order) {
    int written = 0;
    Filter filter = find(name);
    if (filter == null || !sameDates(filter.getQuery(), (TaskQueryImpl) query)) {
      if (filter == null) {
        filter = filters.newTaskFilter(name);
      }
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("description", description);
      properties.put("priority", (Roles.COORDINATORS.contains(group) ? 0 : 10) + order);
      properties.put("refresh", true);
      properties.put("variables", List.of(Map.of("name", "reference", "label", "Inspection")));
      filter.setQuery(query).setProperties(properties);
      try {
        filters.saveFilter(filter);
        written = 1;
      } catch (OptimisticLockingException rewrittenByAnotherNode) {
        log.debug("Filter '{}' rewritten by another node", name);
        filter = find(name);
      }
    }
    grantRead(group, filter.getId());
    return written;
  }

  /** The filter of that name; should two nodes have created it at once on a new database, the first. */
  private Filter find(String name) {
    return filters.createFilterQuery().filterName(name).orderByFilterId().asc().list().stream().findFirst().orElse(null);
  }

  private static boolean sameDates(TaskQueryImpl stored, TaskQueryImpl wanted) {
    return Objects.equals(stored.getDueAfter(), wanted.getDueAfter()) && Objects.equals(stored.getDueBefore(), wanted.getDueBefore());
  }

  private void grantRead(String group, String filterId) {
    Authorization grant = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(group).resourceType(Resources.FILTER).resourceId(filterId).singleResult();
    if (grant == null) {
      grant = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      grant.setGroupId(group);
      grant.setResource(Resources.FILTER);
      grant.setResourceId(filterId);
    } else if (grant.isPermissionGranted(Permissions.READ)) {
      return;
    }
    grant.addPermission(Permissions.READ);
    authorizations.saveAuthorization(grant);
  }
}
