package uk.jtai.response.support;

import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;

/** Child references for tests, and a search of every table of the database for them. */
public final class ChildData {

  private ChildData() {}

  /** Ten-digit references (MOSAIC-like), unlikely to turn up by chance inside ids or timestamps. */
  public static List<String> references(int series, int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> String.format("98%03d%05d", series, i)).toList();
  }

  public static String lines(List<String> references) {
    return String.join("\n", references);
  }

  /** Every "table.column" in which any of the references occurs, in any row (text, CLOB or bytes). */
  public static List<String> whereFound(DataSource dataSource, List<String> references) throws Exception {
    List<String> found = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      String q = meta.getIdentifierQuoteString();
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String schema = rs.getString("TABLE_SCHEM");
          if (schema == null || !schema.equalsIgnoreCase("INFORMATION_SCHEMA") && !schema.startsWith("pg_")) {
            tables.add((schema == null ? "" : q + schema + q + ".") + q + rs.getString("TABLE_NAME") + q);
          }
        }
      }
      for (String table : tables) {
        try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery("select * from " + table)) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int c = 1; c <= columns; c++) {
              String text = text(rows, c);
              if (text != null && references.stream().anyMatch(text::contains)) {
                String where = table + "." + rows.getMetaData().getColumnName(c);
                if (!found.contains(where)) {
                  found.add(where);
                }
              }
            }
          }
        }
      }
    }
    return found;
  }

  private static String text(ResultSet rows, int column) throws Exception {
    Object value = rows.getObject(column);
    if (value == null) {
      return null;
    }
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (value instanceof Blob blob) {
      try (InputStream in = blob.getBinaryStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    if (value instanceof Clob clob) {
      try (Reader in = clob.getCharacterStream()) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[4096];
        for (int n; (n = in.read(buffer)) > 0; ) {
          text.append(buffer, 0, n);
        }
        return text.toString();
      }
    }
    return value.toString();
  }

}
