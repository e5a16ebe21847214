package uk.jtai.response.partnership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class ThemeRegistryTest {

  @Test
  void theShippedThemesLoadWithTheirDifferences() {
    ThemeRegistry themes = PartnershipFixtures.themes();
    assertThat(themes.ids()).contains("domestic-abuse", "serious-youth-violence");

    Theme domesticAbuse = themes.theme("domestic-abuse");
    assertThat(domesticAbuse.selection().first()).isEqualTo(new Theme.Range(20, 20));
    assertThat(domesticAbuse.selection().audit()).isEqualTo(new Theme.Range(6, 6));
    assertThat(domesticAbuse.agencies()).contains("probation").doesNotContain("yjs");
    assertThat(domesticAbuse.milestone("TWENTY_SELECTED")).get()
        .extracting(Theme.MilestoneDefinition::day, Theme.MilestoneDefinition::time).containsExactly(3, LocalTime.of(17, 0));
    assertThat(domesticAbuse.annexA()).extracting(Theme.AnnexAItem::title)
        .anyMatch(title -> title.contains("aged 7 and under"));

    Theme seriousYouthViolence = themes.theme("serious-youth-violence");
    assertThat(seriousYouthViolence.selection().first()).isEqualTo(new Theme.Range(20, 30));
    assertThat(seriousYouthViolence.selection().audit()).isEqualTo(new Theme.Range(5, 7));
    assertThat(seriousYouthViolence.agencies()).contains("yjs");
    assertThat(seriousYouthViolence.milestone("TWENTY_SELECTED")).get()
        .extracting(Theme.MilestoneDefinition::day).isEqualTo(4);
    assertThat(seriousYouthViolence.annexA()).extracting(Theme.AnnexAItem::title)
        .anyMatch(title -> title.contains("of school age"));
  }

  @Test
  void everyThemeHasTheMilestonesTheIssueNames() {
    for (Theme theme : PartnershipFixtures.themes().all()) {
      for (String name : new String[] {"ANNEX_A_DUE", "TWENTY_SELECTED", "SIX_SELECTED_DUE", "AUDIT_TOOL_DUE",
          "AUDITS_DUE", "AUDIT_PACK_DUE", "AUDIT_DAY", "EVIDENCE_DUE", "REPORT_DRAFT_DUE", "AUDIT_REPORT_DUE",
          "CHILDREN_AND_FAMILIES_DUE", "FIELDWORK_START", "FINDINGS"}) {
        assertThat(theme.milestone(name)).as(theme.id() + " " + name).isPresent();
      }
    }
  }

  @Test
  void aThemeWithAnUnknownAgencyStopsStartUpNamingFileAndField() {
    assertThatThrownBy(() -> PartnershipFixtures.themes("classpath:bad-themes/unknown-agency.yaml"))
        .isInstanceOf(InvalidThemeException.class)
        .hasMessageContaining("unknown-agency.yaml")
        .hasMessageContaining("'agencies'")
        .hasMessageContaining("fire-service");
  }

  @Test
  void aThemeWithAMissingFieldStopsStartUpNamingFileAndField() {
    assertThatThrownBy(() -> PartnershipFixtures.themes("classpath:bad-themes/missing-selection.yaml"))
        .isInstanceOf(InvalidThemeException.class)
        .hasMessageContaining("missing-selection.yaml")
        .hasMessageContaining("selection");
  }

  @Test
  void aThemeWithAMisspelledFieldStopsStartUp() {
    assertThatThrownBy(() -> PartnershipFixtures.themes("classpath:bad-themes/misspelled-field.yaml"))
        .isInstanceOf(InvalidThemeException.class)
        .hasMessageContaining("misspelled-field.yaml")
        .hasMessageContaining("milestone");
  }

  @Test
  void aThemeWithAnUnreadableTimeStopsStartUp() {
    assertThatThrownBy(() -> PartnershipFixtures.themes("classpath:bad-themes/bad-time.yaml"))
        .isInstanceOf(InvalidThemeException.class)
        .hasMessageContaining("bad-time.yaml")
        .hasMessageContaining("milestones[0].time");
  }

  @Test
  void aMilestonesAudienceAndRemindersAreOptionalAndRead() {
    Theme domesticAbuse = PartnershipFixtures.themes().theme("domestic-abuse");
    assertThat(domesticAbuse.milestone("ANNEX_A_DUE")).get()
        .extracting(Theme.MilestoneDefinition::audience).isEqualTo(java.util.List.of("la", "laim"));
    assertThat(domesticAbuse.milestone("AUDIT_DAY")).get().satisfies(m -> {
      assertThat(m.concernsEveryone()).isTrue();
      assertThat(m.ownReminders()).as("left out: jtai.reminders.before applies").isEmpty();
    });
    assertThat(domesticAbuse.milestone("PARTNERS_NOTIFIED_DUE")).get()
        .extracting(m -> m.ownReminders().orElseThrow()).isEqualTo(java.util.List.of(java.time.Duration.ofHours(1)));
  }

  @Test
  void aMilestoneForSomeoneOutsideTheThemeStopsStartUp() {
    assertThatThrownBy(() -> PartnershipFixtures.themes("classpath:bad-themes/bad-audience.yaml"))
        .isInstanceOf(InvalidThemeException.class)
        .hasMessageContaining("bad-audience.yaml")
        .hasMessageContaining("milestones[0].for")
        .hasMessageContaining("'yjs'");
  }

  @Test
  void aReminderThatIsNotBeforeTheDeadlineStopsStartUp() {
    assertThatThrownBy(() -> PartnershipFixtures.themes("classpath:bad-themes/bad-reminder.yaml"))
        .isInstanceOf(InvalidThemeException.class)
        .hasMessageContaining("bad-reminder.yaml")
        .hasMessageContaining("milestones[1].reminders");
  }
}
