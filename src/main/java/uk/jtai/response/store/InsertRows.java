package uk.jtai.response.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts many rows into one table as one statement, {@code insert into t (a, b) values (?, ?), (?, ?), ...}, on
 * PostgreSQL and H2 alike: one statement for the server to parse, plan and run, where a JDBC batch runs the
 * one-row insert once per row (a known-to-agency return is 20 children times the theme's questions; a task's
 * reminders two or three rows). Issue 19: statements per user task.
 */
public final class InsertRows {

  /** Parameters per statement: PostgreSQL's protocol binds at most 32,767; a longer list is split. */
  static final int MAX_PARAMETERS = 30_000;

  private final JdbcTemplate jdbc;

  public InsertRows(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts {@code rows}, each with one value per column in {@code columns}' order, in as few statements as the
   * parameter limit allows; returns how many rows were inserted. No rows: no statement.
   */
  public int insert(String table, List<String> columns, List<Object[]> rows) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("no columns to insert into " + table);
    }
    for (Object[] row : rows) {
      if (row.length != columns.size()) {
        throw new IllegalArgumentException("a row of " + row.length + " values for the " + columns.size() + " columns of " + table);
      }
    }
    int perStatement = MAX_PARAMETERS / columns.size();
    String tuple = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    int inserted = 0;
    for (int from = 0; from < rows.size(); from += perStatement) {
      List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
      List<Object> values = new ArrayList<>(chunk.size() * columns.size());
      chunk.forEach(row -> Collections.addAll(values, row));
      inserted += jdbc.update("insert into " + table + " (" + String.join(", ", columns) + ") values "
          + String.join(", ", Collections.nCopies(chunk.size(), tuple)), values.toArray());
    }
    return inserted;
  }
}
