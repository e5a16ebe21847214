package uk.jtai.response.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;

/**
 * Whether a permission check is granted, read as the rows that could grant it in one fixed, portable statement and
 * decided in Java, instead of the statement Camunda builds for it with MyBatis from some forty conditions and loops
 * (building it was two thirds of the check's cost, and the check a tenth of the CPU of a partner's completion: Java
 * Flight Recorder at 40 inspections, issue 19).
 *
 * <p>It answers only a check that, with revokes never checked ({@link GrantsOnlyAuthorization}), Camunda itself
 * answers as "some row grants it": one or more atomic checks of resources by id, any of which will do (a single check,
 * or a disjunctive one), none with a "not found" value of its own. For each such atomic check Camunda's statement
 * returns 1 when a GRANT (type 1) to the user, or to one of the user's groups, or a global authorization (type 0, user
 * {@code *}), on the resource type, for the resource's id or {@code *}, holds every bit of the permission; and null
 * otherwise (its REVOKE branches are left out when revokes are not checked). Any of them being 1 makes the check 1.
 * That is exactly what {@link #grants} looks for. It is used for "yes" only: when no row grants, the caller asks
 * Camunda (so a refusal, and its message, are Camunda's).
 */
final class GrantRows {

  private static final int GRANT = 1;
  private static final int GLOBAL = 0;
  private static final String ANY = "*";

  private GrantRows() {
  }

  /** Whether {@link #grants} can answer this check. */
  static boolean answers(CompositePermissionCheck check) {
    List<PermissionCheck> atomics = check.getAtomicChecks();
    if (atomics == null || atomics.isEmpty()
        || (check.getCompositeChecks() != null && !check.getCompositeChecks().isEmpty())
        || (!check.isDisjunctive() && atomics.size() > 1)) {
      return false;
    }
    for (PermissionCheck atomic : atomics) {
      if (atomic.getResourceIdQueryParam() != null || atomic.getAuthorizationNotFoundReturnValue() != null
          || atomic.getResource() == null) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a row grants one of the check's atomic checks to the user or one of the groups; only for a check
   * {@link #answers} (the caller's to ensure). Reads on the command's own connection, in its transaction.
   */
  static boolean grants(Connection connection, String tablePrefix, String userId, List<String> groupIds,
                        CompositePermissionCheck check) {
    Set<Integer> types = new LinkedHashSet<>();
    Set<String> ids = new LinkedHashSet<>();
    for (PermissionCheck atomic : check.getAtomicChecks()) {
      types.add(atomic.getResourceType());
      if (atomic.getResourceId() != null && !ANY.equals(atomic.getResourceId())) {
        ids.add(atomic.getResourceId());
      }
    }
    List<String> groups = groupIds == null ? List.of() : groupIds.stream().filter(g -> g != null).toList();
    return anyGranted(read(connection, tablePrefix, types, ids, userId, groups), check);
  }

  /** One row of {@code ACT_RU_AUTHORIZATION} that may grant (the statement chose it by type and whom): its resource and permissions. */
  record Row(int resourceType, String resourceId, int perms) {
  }

  /** Whether any row holds every bit of one atomic check's permission on its resource (by id, or {@code *}). */
  static boolean anyGranted(List<Row> rows, CompositePermissionCheck check) {
    for (PermissionCheck atomic : check.getAtomicChecks()) {
      for (Row row : rows) {
        if (row.resourceType() == atomic.getResourceType()
            && (ANY.equals(row.resourceId()) || row.resourceId().equals(atomic.getResourceId()))
            && (row.perms() & atomic.getPerms()) == atomic.getPerms()) {
          return true;
        }
      }
    }
    return false;
  }

  static String sql(String tablePrefix, int types, int ids, boolean user, int groups) {
    StringBuilder sql = new StringBuilder("select RESOURCE_TYPE_, RESOURCE_ID_, PERMS_ from ")
        .append(tablePrefix == null ? "" : tablePrefix).append("ACT_RU_AUTHORIZATION where RESOURCE_TYPE_ in (")
        .append(marks(types)).append(") and RESOURCE_ID_ in (").append(ids == 0 ? "" : marks(ids) + ", ")
        .append("'*') and ((TYPE_ = ").append(GLOBAL).append(" and USER_ID_ = '*')");
    List<String> who = new ArrayList<>();
    if (user) {
      who.add("USER_ID_ = ?");
    }
    if (groups > 0) {
      who.add("GROUP_ID_ in (" + marks(groups) + ")");
    }
    if (!who.isEmpty()) {
      sql.append(" or (TYPE_ = ").append(GRANT).append(" and (").append(String.join(" or ", who)).append("))");
    }
    return sql.append(')').toString();
  }

  private static List<Row> read(Connection connection, String tablePrefix, Set<Integer> types, Set<String> ids,
                                String userId, List<String> groups) {
    String sql = sql(tablePrefix, types.size(), ids.size(), userId != null, groups.size());
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int p = 1;
      for (Integer type : types) {
        statement.setInt(p++, type);
      }
      for (String id : ids) {
        statement.setString(p++, id);
      }
      if (userId != null) {
        statement.setString(p++, userId);
      }
      for (String group : groups) {
        statement.setString(p++, group);
      }
      List<Row> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(new Row(result.getInt(1), result.getString(2), result.getInt(3)));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new ProcessEngineException("Could not read the authorizations for a permission check", e);
    }
  }

  private static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }
}
