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

  /**
   * The server as production runs it, until closed: autovacuum on, PostgreSQL's default. This kind of machine runs
   * its server with autovacuum off (conf.d/90-ci.conf), so tables are never analysed and their dead rows never
   * reclaimed: after tens of thousands of tasks Camunda's task queries (by business key and task, as Tasklist asks)
   * were planned without statistics and read every open task of every inspection. A benchmark turns it on for its run
   * (both sides alike) and back as it was when done; {@link Autovacuum#note()} says which happened.
   */
  public static Autovacuum autovacuumOn() {
    try (Connection admin = DriverManager.getConnection(ADMIN_URL, ADMIN_USER, ADMIN_PASSWORD);
         Statement sql = admin.createStatement()) {
      boolean fromAlterSystem;
      try (ResultSet setting = sql.executeQuery("select setting, coalesce(sourcefile, '') from pg_settings where name = 'autovacuum'")) {
        setting.next();
        if (setting.getString(1).equals("on")) {
          return new Autovacuum(false, false);
        }
        fromAlterSystem = setting.getString(2).endsWith("postgresql.auto.conf");
      }
      sql.execute("alter system set autovacuum = on");
      sql.execute("select pg_reload_conf()");
      return new Autovacuum(true, fromAlterSystem);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not turn PostgreSQL's autovacuum on at " + ADMIN_URL + ": " + e.getMessage(), e);
    }
  }

  /** Autovacuum for a run: turned on by it (and turned back off when closed), or on already. */
  public static final class Autovacuum implements AutoCloseable {
    private final boolean turnedOn;
    /** Whether "off" was itself set with ALTER SYSTEM (then it is set again), rather than in a configuration file. */
    private final boolean offByAlterSystem;

    private Autovacuum(boolean turnedOn, boolean offByAlterSystem) {
      this.turnedOn = turnedOn;
      this.offByAlterSystem = offByAlterSystem;
    }

    public String note() {
      return turnedOn ? "on: turned on for the run (this server runs with it off) and back off after" : "on: the server's own setting";
    }

    @Override
    public void close() {
      if (!turnedOn) {
        return;
      }
      try (Connection admin = DriverManager.getConnection(ADMIN_URL, ADMIN_USER, ADMIN_PASSWORD);
           Statement sql = admin.createStatement()) {
        sql.execute(offByAlterSystem ? "alter system set autovacuum = off" : "alter system reset autovacuum");
        sql.execute("select pg_reload_conf()");
      } catch (SQLException e) {
        throw new IllegalStateException("Could not set PostgreSQL's autovacuum back as it was: " + e.getMessage(), e);
      }
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
