package uk.jtai.response.inspection;

import static uk.jtai.response.store.Sql.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.Theme;

/**
 * Who takes part in an inspection (issue 16, item 6): the theme's agencies and, for each, the providers of the
 * partnership file chosen for this inspection ("CQC will determine which health agencies"), kept in
 * {@code jtai_inspection_provider} as decisions (taking part or not from then on, who, when, why); the newest
 * decision about a provider is the one that holds. A provider with no decision does not take part.
 */
@Repository
public class TakingPart {

  /** One decision about one provider. */
  public record Decision(String agency, boolean takingPart, String reason, String decidedBy, Instant decidedAt) {}

  private final JdbcClient jdbc;
  private final Partnership partnership;

  public TakingPart(JdbcClient jdbc, Partnership partnership) {
    this.jdbc = jdbc;
    this.partnership = partnership;
  }

  /** The providers taking part in the inspection now, in the partnership file's order. */
  public List<String> providers(String reference) {
    Map<String, Boolean> newest = new LinkedHashMap<>();
    decisions(reference).forEach(d -> newest.put(d.agency(), d.takingPart()));
    return partnership.providers().stream().map(Agency::id).filter(id -> Boolean.TRUE.equals(newest.get(id))).toList();
  }

  /**
   * The agencies doing {@code themeAgencies}' steps in this inspection: each theme agency followed by its
   * providers taking part ("health", then the trusts chosen).
   */
  public List<String> expand(String reference, List<String> themeAgencies) {
    return withProviders(themeAgencies, providers(reference));
  }

  private List<String> withProviders(List<String> themeAgencies, List<String> providers) {
    List<String> agencies = new ArrayList<>();
    for (String agency : themeAgencies) {
      agencies.add(agency);
      partnership.providersOf(agency).stream().map(Agency::id).filter(providers::contains).forEach(agencies::add);
    }
    return agencies;
  }

  /** The agencies taking part in the inspection of the theme, in order (the theme's, each with its providers). */
  public List<String> agencies(String reference, Theme theme) {
    return expand(reference, theme.agencies());
  }

  /**
   * As {@link #expand}, with every provider that has taken part at any time (one taken out later keeps the
   * work it did, which the board shows).
   */
  public List<String> everTakingPart(String reference, List<String> themeAgencies) {
    return withProviders(themeAgencies, decisions(reference).stream().filter(Decision::takingPart).map(Decision::agency).toList());
  }

  /** Every decision about the inspection's providers, oldest first. */
  public List<Decision> decisions(String reference) {
    return jdbc.sql("select agency, taking_part, reason, decided_by, decided_at from jtai_inspection_provider "
            + "where reference = ? order by id")
        .param(reference)
        .query((rs, row) -> new Decision(rs.getString("agency"), rs.getBoolean("taking_part"), rs.getString("reason"),
            rs.getString("decided_by"), rs.getTimestamp("decided_at").toInstant()))
        .list();
  }

  /** Records that the provider takes part (or not) from now on, in the caller's transaction. */
  public void decide(String reference, String agency, boolean takingPart, String reason, String by, Instant at) {
    jdbc.sql("insert into jtai_inspection_provider (reference, agency, taking_part, reason, decided_by, decided_at) "
            + "values (?, ?, ?, ?, ?, ?)")
        .params(reference, agency, takingPart, reason, by, utc(at))
        .update();
  }
}
