package uk.jtai.response.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh PostgreSQL database and login role for an integration test, made through the server's
 * administrative connection (on this kind of machine: 127.0.0.1:5432, user postgres, trust auth;
 * override with JTAI_TEST_PG_URL, JTAI_TEST_PG_USER, JTAI_TEST_PG_PASSWORD).
 */
public final class PostgresDatabase {

  private static final String ADMIN_URL = env("JTAI_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
  private static final String ADMIN_USER = env("JTAI_TEST_PG_USER", "postgres");
  private static final String ADMIN_PASSWORD = env("JTAI_TEST_PG_PASSWORD", "");

  private final String name;

  private PostgresDatabase(String name) {
    this.name = name;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** Drops and re-creates database {@code name}, owned by a role of the same name (password = name). */
  public static PostgresDatabase fresh(String name) {
    try (Connection admin = DriverManager.getConnection(ADMIN_URL, ADMIN_USER, ADMIN_PASSWORD);
         Statement sql = admin.createStatement()) {
      sql.execute("drop database if exists " + name + " with (force)");
      try (ResultSet role = sql.executeQuery("select 1 from pg_roles where rolname = '" + name + "'")) {
        if (!role.next()) {
          sql.execute("create role " + name + " login password '" + name + "'");
        }
      }
      sql.execute("create database " + name + " owner " + name);
      return new PostgresDatabase(name);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL is needed at " + ADMIN_URL + " (user " + ADMIN_USER + "): " + e.getMessage(), e);
    }
  }

  public String url() {
    return ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
  }

  public String user() {
    return name;
  }

  public String password() {
    return name;
  }

  public long count(String query) {
    try (Connection connection = DriverManager.getConnection(url(), user(), password());
         Statement sql = connection.createStatement();
         ResultSet result = sql.executeQuery(query)) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
