package uk.jtai.response.partnership;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The themes the service knows: every {@code classpath:themes/*.yaml} plus any under
 * {@code jtai.themes.extra-location}. A theme file that is wrong stops start-up, naming the file and field:
 * first against the published JSON Schema ({@link ThemeSchema}), then here for what the schema cannot say
 * (the partnership's agencies and statutory partners, ids listed twice, ranges, what one field names of another).
 */
@Component
public class ThemeRegistry {

  private static final Logger log = LoggerFactory.getLogger(ThemeRegistry.class);

  private final Map<String, Theme> themes = new TreeMap<>();

  public ThemeRegistry(
      Partnership partnership,
      @Value("${jtai.themes.extra-location:}") String extraLocation) throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
        .findAndRegisterModules()
        .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .setInjectableValues(Theme.optionalFields());
    ThemeSchema schema = new ThemeSchema();
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    List<Resource> files = new ArrayList<>(List.of(resolver.getResources("classpath*:themes/*.yaml")));
    if (!extraLocation.isBlank()) {
      files.addAll(List.of(resolver.getResources(extraLocation)));
    }
    for (Resource file : files) {
      Theme theme = read(yaml, schema, file);
      check(theme, file, partnership);
      if (themes.put(theme.id(), theme) != null) {
        throw new InvalidThemeException(file, "id", "theme '" + theme.id() + "' is defined twice");
      }
    }
    if (themes.isEmpty()) {
      throw new IllegalStateException("No theme files found under classpath:themes/");
    }
    for (Theme theme : themes.values()) {
      if (theme.incomplete()) {
        log.warn("Theme '{}' is not complete; its file says the partnership must still complete: {}",
            theme.id(), String.join("; ", theme.toComplete()));
      }
    }
  }

  private static Theme read(ObjectMapper yaml, ThemeSchema schema, Resource file) {
    try (InputStream in = file.getInputStream()) {
      JsonNode tree = yaml.readTree(in);
      if (tree == null || tree.isMissingNode()) {
        throw new InvalidThemeException(file, "(file)", "is empty");
      }
      schema.check(file, tree);
      if (tree instanceof ObjectNode fields) {
        // The components a theme file may leave out take their default; every other one must be there.
        Theme.OPTIONAL_DEFAULTS.forEach((key, value) -> {
          if (!fields.has(key)) {
            fields.set(key, yaml.valueToTree(value));
          }
        });
        if (!fields.has(Theme.CASE_AUDIT_AGENCIES) && fields.has("agencies")) {
          fields.set(Theme.CASE_AUDIT_AGENCIES, fields.get("agencies").deepCopy());
        }
      }
      return yaml.treeToValue(tree, Theme.class);
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      String field = e.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("(file)");
      throw new InvalidThemeException(file, field, e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidThemeException(file, "(file)", e.getMessage());
    }
  }

  private static void check(Theme theme, Resource file, Partnership partnership) {
    for (String agency : theme.agencies()) {
      if (partnership.find(agency).isEmpty()) {
        throw new InvalidThemeException(file, "agencies", "agency '" + agency + "' is not in the partnership "
            + "(known: " + partnership.agencies().stream().map(Agency::id).toList() + ")");
      }
      partnership.find(agency).filter(Agency::isProvider).ifPresent(provider -> {
        throw new InvalidThemeException(file, "agencies", "agency '" + agency + "' is part of '" + provider.themeAgency()
            + "': name '" + provider.themeAgency() + "'; which of its providers take part is decided per inspection");
      });
    }
    for (Agency statutory : partnership.statutoryPartners()) {
      if (!theme.agencies().contains(statutory.id())) {
        throw new InvalidThemeException(file, "agencies", "statutory partner '" + statutory.id() + "' must take part");
      }
    }
    for (String agency : theme.caseAuditAgencies()) {
      if (!theme.agencies().contains(agency)) {
        throw new InvalidThemeException(file, Theme.CASE_AUDIT_AGENCIES, "agency '" + agency
            + "' does not take part in this theme (its agencies: " + theme.agencies() + ")");
      }
    }
    for (Agency statutory : partnership.statutoryPartners()) {
      if (!theme.caseAuditAgencies().contains(statutory.id())) {
        throw new InvalidThemeException(file, Theme.CASE_AUDIT_AGENCIES, "statutory partner '" + statutory.id()
            + "' must take part (guidance 6.1: the local authority, health and police always submit child-level information)");
      }
    }
    checkRange(file, "selection.first", theme.selection().first());
    checkRange(file, "selection.audit", theme.selection().audit());
    checkRange(file, "selection.child-age", theme.selection().childAge());
    if (theme.selection().audit().max() > theme.selection().first().min()) {
      throw new InvalidThemeException(file, "selection.audit", "cannot select more children for audit than the first selection holds");
    }
    unique(file, "annex-a", theme.annexA().stream().map(Theme.AnnexAItem::id).toList());
    unique(file, "known-to-agency.questions", theme.knownToAgency().questions().stream().map(Theme.Question::id).toList());
    if (theme.knownToAgency().questions().stream().anyMatch(q -> q.id().equals("known"))) {
      throw new InvalidThemeException(file, "known-to-agency.questions", "'known' is asked always; do not list it");
    }
    if (theme.knownToAgency().window().isNegative() || theme.knownToAgency().window().isZero()) {
      throw new InvalidThemeException(file, "known-to-agency.window", "must be a positive duration such as PT2H");
    }
    for (String agency : theme.caseRecords().keySet()) {
      if (!theme.agencies().contains(agency)) {
        throw new InvalidThemeException(file, "case-records", "agency '" + agency + "' does not take part in this theme");
      }
    }
    if (theme.reportCommentWindow().isNegative() || theme.reportCommentWindow().isZero()) {
      throw new InvalidThemeException(file, "report-comment-window", "must be a positive duration such as PT3H");
    }
    if (theme.factualAccuracy().agencyCommentsWorkingDays() >= theme.factualAccuracy().returnWorkingDays()) {
      throw new InvalidThemeException(file, "factual-accuracy.agency-comments-working-days",
          "agencies' comments must be due before the DCS returns them");
    }
    unique(file, "milestones", theme.milestones().stream().map(Theme.MilestoneDefinition::name).toList());
    for (Theme.MilestoneDefinition milestone : theme.milestones()) {
      if (milestone.movesWith() != null && theme.milestone(milestone.movesWith()).isEmpty()) {
        throw new InvalidThemeException(file, "milestones." + milestone.name() + ".moves-with",
            "'" + milestone.movesWith() + "' is not a milestone of this theme");
      }
    }
    unique(file, "shared-lists", theme.sharedLists());
    for (String list : theme.sharedLists()) {
      if (!Theme.SHARED_LIST_STEPS.contains(list)) {
        throw new InvalidThemeException(file, "shared-lists", "'" + list + "' is not a list the models ask for (they ask for "
            + Theme.SHARED_LIST_STEPS + ")");
      }
      if (theme.milestone(list).isEmpty()) {
        throw new InvalidThemeException(file, "shared-lists", "'" + list + "' is not a milestone of this theme");
      }
      if (theme.agenciesSharing(list).isEmpty()) {
        throw new InvalidThemeException(file, "shared-lists", "'" + list + "' names no agency of this theme in its 'for'");
      }
    }
    theme.evidenceDocuments().forEach((agency, documents) -> {
      if (!theme.agencies().contains(agency)) {
        throw new InvalidThemeException(file, "evidence-documents." + agency, "'" + agency
            + "' is not an agency of this theme (its agencies: " + theme.agencies() + ")");
      }
      unique(file, "evidence-documents." + agency, documents.stream().map(Theme.EvidenceDocument::id).toList());
    });
    unique(file, "evaluation-criteria", theme.evaluationCriteria().stream().map(Theme.EvaluationCriterion::id).toList());
    checkAudiences(file, theme, partnership);
    checkReminders(file, theme);
  }

  /** A milestone's {@code for} names agencies of the theme or the partnership's roles ({@link RoleContacts}). */
  private static void checkAudiences(Resource file, Theme theme, Partnership partnership) {
    List<String> known = new ArrayList<>(RoleContacts.PARTNERSHIP_ROLES.keySet());
    known.addAll(theme.agencies());
    for (int i = 0; i < theme.milestones().size(); i++) {
      for (String who : theme.milestones().get(i).audience()) {
        if (!known.contains(who)) {
          throw new InvalidThemeException(file, "milestones[" + i + "].for", "'" + who + "' is neither an agency of the "
              + "theme nor a partnership role (known: " + known + ")");
        }
      }
    }
  }

  private static void checkReminders(Resource file, Theme theme) {
    for (int i = 0; i < theme.milestones().size(); i++) {
      List<java.time.Duration> reminders = theme.milestones().get(i).ownReminders().orElse(List.of());
      if (reminders.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
        throw new InvalidThemeException(file, "milestones[" + i + "].reminders",
            "each reminder is a positive duration before the deadline, such as P1D or PT2H");
      }
    }
  }

  private static void checkRange(Resource file, String field, Theme.Range range) {
    if (range.min() > range.max()) {
      throw new InvalidThemeException(file, field, "min " + range.min() + " is more than max " + range.max());
    }
  }

  private static void unique(Resource file, String field, Collection<String> ids) {
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      if (!seen.add(id)) {
        throw new InvalidThemeException(file, field, "'" + id + "' appears twice");
      }
    }
  }

  public Optional<Theme> find(String id) {
    return Optional.ofNullable(themes.get(id));
  }

  public Theme theme(String id) {
    return find(id).orElseThrow(() -> new IllegalArgumentException("unknown theme '" + id + "'"));
  }

  public Collection<Theme> all() {
    return themes.values();
  }

  public Set<String> ids() {
    return themes.keySet();
  }
}
