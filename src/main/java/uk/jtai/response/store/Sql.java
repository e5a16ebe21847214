package uk.jtai.response.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** How the product's tables hold an instant: {@code timestamp with time zone}, bound as UTC on PostgreSQL and H2 alike. */
public final class Sql {

  private Sql() {}

  /** The value to bind for an instant column (null stays null). */
  public static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
