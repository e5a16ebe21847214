package uk.jtai.response.partnership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.util.List;
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
    // The inspectorates' flowchart (guidance section 10): "By 5pm, lead inspector selects 20 children", day 3.
    assertThat(seriousYouthViolence.milestone("TWENTY_SELECTED")).get()
        .extracting(Theme.MilestoneDefinition::day).isEqualTo(3);
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
  void theCaseAuditAgenciesAreTheOnesTheGuidanceNamesForEachTheme() {
    ThemeRegistry themes = PartnershipFixtures.themes();
    // 6.1: "Local Authority, Health and Police ... For this theme information is also required from probation."
    assertThat(themes.theme("domestic-abuse").caseAuditAgencies()).containsExactly("la", "police", "health", "probation");
    // 9.16 of the serious youth violence edition: case records from the LA, police, health and youth justice.
    assertThat(themes.theme("serious-youth-violence").caseAuditAgencies()).containsExactly("la", "police", "health", "yjs");
    assertThat(themes.theme("front-door").caseAuditAgencies()).containsExactly("la", "police", "health");
    assertThat(themes.theme("child-sexual-abuse").caseAuditAgencies()).containsExactly("la", "police", "health", "probation");
    assertThat(themes.theme("domestic-abuse").agencies()).as("education still takes part in the inspection").contains("education");
  }

  @Test
  void leftOutTheCaseAuditAgenciesAreEveryAgencyOfTheTheme() {
    Theme minimal = PartnershipFixtures.themes("classpath:added-themes/*.yaml").theme("neglect");
    assertThat(minimal.caseAuditAgencies()).isEqualTo(minimal.agencies());
  }

  @Test
  void theChildrensAgesAreTheThemesOrLeftOutUnder18() {
    Theme neglect = PartnershipFixtures.themes("classpath:added-themes/*.yaml").theme("neglect");
    assertThat(neglect.selection().childAge()).isEqualTo(new Theme.Range(7, 15));
    Theme criminalExploitation = PartnershipFixtures.themes("classpath:added-themes/*.yaml").theme("criminal-exploitation");
    assertThat(criminalExploitation.selection().childAge()).isEqualTo(new Theme.Range(0, 17));
  }

  @Test
  void aCaseAuditAgencyOutsideTheThemeOrAStatutoryPartnerLeftOutStopsStartUp() {
    assertThatThrownBy(() -> PartnershipFixtures.themes("classpath:bad-themes/case-audit-outside-theme.yaml"))
        .isInstanceOf(InvalidThemeException.class)
        .hasMessageContaining("case-audit-outside-theme.yaml").hasMessageContaining("case-audit-agencies")
        .hasMessageContaining("'probation' does not take part in this theme");
    assertThatThrownBy(() -> PartnershipFixtures.themes("classpath:bad-themes/case-audit-without-police.yaml"))
        .isInstanceOf(InvalidThemeException.class)
        .hasMessageContaining("case-audit-agencies").hasMessageContaining("statutory partner 'police' must take part");
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
  void everyCurrentThemeShipsAsAFileWithItsAgenciesAndEvidence() {
    ThemeRegistry themes = PartnershipFixtures.themes();
    assertThat(themes.ids()).containsExactlyInAnyOrder("domestic-abuse", "serious-youth-violence", "front-door", "child-sexual-abuse");

    Theme frontDoor = themes.theme("front-door");
    assertThat(frontDoor.agencies()).containsExactly("la", "police", "health", "education");
    assertThat(frontDoor.selection().first()).isEqualTo(new Theme.Range(20, 20));
    assertThat(frontDoor.selection().audit()).isEqualTo(new Theme.Range(6, 6));
    Theme childSexualAbuse = themes.theme("child-sexual-abuse");
    assertThat(childSexualAbuse.agencies()).containsExactly("la", "police", "health", "probation");
    assertThat(childSexualAbuse.selection().audit()).isEqualTo(new Theme.Range(6, 6));
    for (Theme partial : List.of(frontDoor, childSexualAbuse)) {
      assertThat(partial.incomplete()).as(partial.id()).isTrue();
      assertThat(partial.toComplete()).as(partial.id()).anyMatch(note -> note.startsWith("evaluation-criteria"));
      assertThat(partial.evaluationCriteria()).as(partial.id()).isEmpty();
    }

    for (Theme theme : themes.all()) {
      assertThat(theme.agenciesWithEvidence()).as(theme.id() + ": documentary evidence always comes from the statutory partners (7.3)")
          .contains("la", "police", "health");
    }
    Theme domesticAbuse = themes.theme("domestic-abuse");
    assertThat(domesticAbuse.incomplete()).isFalse();
    assertThat(domesticAbuse.agenciesWithEvidence()).containsExactly("la", "police", "health", "probation", "education");
    assertThat(domesticAbuse.evidenceFor("police")).extracting(Theme.EvidenceDocument::id).contains("investigation");
    assertThat(domesticAbuse.evidenceFor("yjs")).isEmpty();
    assertThat(themes.theme("serious-youth-violence").evidenceFor("yjs")).isNotEmpty();
  }

  @Test
  void theDomesticAbuseThemeCarriesTheThirteenEvaluationCriteriaOfTheLeedsGuide() {
    List<Theme.EvaluationCriterion> criteria = PartnershipFixtures.themes().theme("domestic-abuse").evaluationCriteria();
    assertThat(criteria).hasSize(13);
    assertThat(criteria.get(0).text()).startsWith("Practitioners see incidents of domestic abuse through the eyes of the child.");
    assertThat(criteria).extracting(Theme.EvaluationCriterion::text)
        .anyMatch(text -> text.equals("The Police investigate cases of domestic abuse in families with children effectively."))
        .anyMatch(text -> text.contains("abuse does not necessarily end when people stop living together"))
        .anyMatch(text -> text.contains("sufficient range of commissioned local services"));
  }

  @Test
  void theOptionalComponentsMayBeLeftOutOfAThemeFile() {
    Theme minimal = PartnershipFixtures.themes("classpath:added-themes/*.yaml").theme("neglect");
    assertThat(minimal.evaluationCriteria()).isEmpty();
    assertThat(minimal.toComplete()).isEmpty();
    assertThat(minimal.evidenceFor("la")).isNotEmpty();
  }

  @Test
  void evidenceForAnAgencyOutsideTheThemeStopsStartUpNamingFileAndField() {
    assertThatThrownBy(() -> PartnershipFixtures.themes("classpath:bad-themes/evidence-for-unknown-agency.yaml"))
        .isInstanceOf(InvalidThemeException.class)
        .hasMessageContaining("evidence-for-unknown-agency.yaml")
        .hasMessageContaining("'evidence-documents.yjs'")
        .hasMessageContaining("not an agency of this theme");
  }

  @Test
  void anEvidenceDocumentWithoutATitleStopsStartUpNamingFileAndField() {
    assertThatThrownBy(() -> PartnershipFixtures.themes("classpath:bad-themes/evidence-without-title.yaml"))
        .isInstanceOf(InvalidThemeException.class)
        .hasMessageContaining("evidence-without-title.yaml")
        .hasMessageContaining("evidence-documents.police[0]")
        .hasMessageContaining("title");
  }

  @Test
  void anEvaluationCriterionListedTwiceStopsStartUp() {
    assertThatThrownBy(() -> PartnershipFixtures.themes("classpath:bad-themes/criterion-twice.yaml"))
        .isInstanceOf(InvalidThemeException.class)
        .hasMessageContaining("criterion-twice.yaml")
        .hasMessageContaining("'evaluation-criteria'")
        .hasMessageContaining("'views-heard' appears twice");
  }

  @Test
  void anEvaluationCriterionWithoutTextStopsStartUpNamingTheField() {
    assertThatThrownBy(() -> PartnershipFixtures.themes("classpath:bad-themes/criterion-without-text.yaml"))
        .isInstanceOf(InvalidThemeException.class)
        .hasMessageContaining("criterion-without-text.yaml")
        .hasMessageContaining("'evaluation-criteria[0].text'")
        .hasMessageContaining("must not be blank");
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
  void theListsSharedBeforeTheSelectionAreSeriousYouthViolencesAndWhoSharesEachComesFromItsMilestone() {
    Theme seriousYouthViolence = PartnershipFixtures.themes().theme("serious-youth-violence");
    assertThat(seriousYouthViolence.sharedLists()).containsExactly("ANNEX_A_FIRST_LISTS_DUE", "AGENCY_THEME_LISTS_DUE");
    assertThat(seriousYouthViolence.agenciesSharing("ANNEX_A_FIRST_LISTS_DUE")).as("for: [la, laim]").containsExactly("la");
    assertThat(seriousYouthViolence.agenciesSharing("AGENCY_THEME_LISTS_DUE")).as("for no one named: every agency (127)")
        .isEqualTo(seriousYouthViolence.agencies());
    assertThat(PartnershipFixtures.themes().theme("domestic-abuse").sharedLists()).as("left out: none").isEmpty();
  }

  @Test
  void aSharedListTheModelsHaveNoStepForOrThatIsNoMilestoneStopsStartUp() {
    assertThatThrownBy(() -> PartnershipFixtures.themes("classpath:bad-themes/bad-shared-list.yaml"))
        .isInstanceOf(InvalidThemeException.class)
        .hasMessageContaining("bad-shared-list.yaml")
        .hasMessageContaining("shared-lists")
        .hasMessageContaining("'ANNEX_A_DUE' is not a list the models ask for");
    assertThatThrownBy(() -> PartnershipFixtures.themes("classpath:bad-themes/shared-list-not-a-milestone.yaml"))
        .isInstanceOf(InvalidThemeException.class)
        .hasMessageContaining("'AGENCY_THEME_LISTS_DUE' is not a milestone of this theme");
  }

  @Test
  void aReminderThatIsNotBeforeTheDeadlineStopsStartUp() {
    assertThatThrownBy(() -> PartnershipFixtures.themes("classpath:bad-themes/bad-reminder.yaml"))
        .isInstanceOf(InvalidThemeException.class)
        .hasMessageContaining("bad-reminder.yaml")
        .hasMessageContaining("milestones[1].reminders");
  }

  @Test
  void aFieldOfTheWrongTypeStopsStartUpNamingFileAndPathFromTheSchema() {
    assertThatThrownBy(() -> PartnershipFixtures.themes("classpath:bad-themes/day-not-a-number.yaml"))
        .isInstanceOf(InvalidThemeException.class)
        .hasMessageContaining("day-not-a-number.yaml")
        .hasMessageContaining("'milestones[0].day'")
        .hasMessageContaining("integer");
  }

  @Test
  void anIdThatIsNotLowerCaseStopsStartUpWithTheSchemasOwnWords() {
    assertThatThrownBy(() -> PartnershipFixtures.themes("classpath:bad-themes/id-not-lower-case.yaml"))
        .isInstanceOf(InvalidThemeException.class)
        .hasMessageContaining("id-not-lower-case.yaml")
        .hasMessage("Theme file id-not-lower-case.yaml: field 'id': must be lower-case letters, digits and hyphens, starting with a letter");
  }

  @Test
  void aMissingOrMisspelledFieldIsNamedWhereTheFileNestsIt() {
    assertThatThrownBy(() -> PartnershipFixtures.themes("classpath:bad-themes/missing-selection.yaml"))
        .hasMessage("Theme file missing-selection.yaml: field 'selection': is required");
    assertThatThrownBy(() -> PartnershipFixtures.themes("classpath:bad-themes/evidence-without-title.yaml"))
        .hasMessage("Theme file evidence-without-title.yaml: field 'evidence-documents.police[0].title': is required");
    assertThatThrownBy(() -> PartnershipFixtures.themes("classpath:bad-themes/misspelled-field.yaml"))
        .hasMessageStartingWith("Theme file misspelled-field.yaml: field 'milestone': is not a field of a theme file");
  }

  /** Editors check a theme file against the same schema as the service: every theme file names it. */
  @Test
  void everyThemeFileNamesThePublishedSchema() throws Exception {
    java.nio.file.Path schema = java.nio.file.Path.of("src/main/resources", ThemeSchema.LOCATION);
    assertThat(schema).exists();
    List<java.nio.file.Path> files = new java.util.ArrayList<>();
    for (String folder : List.of("src/main/resources/themes", "src/test/resources/added-themes")) {
      try (var listed = java.nio.file.Files.list(java.nio.file.Path.of(folder))) {
        listed.filter(f -> f.toString().endsWith(".yaml")).forEach(files::add);
      }
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(5);
    for (java.nio.file.Path file : files) {
      String first = java.nio.file.Files.readAllLines(file).get(0);
      assertThat(first).as(file.toString()).startsWith("# yaml-language-server: $schema=");
      java.nio.file.Path named = file.getParent().resolve(first.substring(first.indexOf('=') + 1).strip()).normalize();
      assertThat(named).as(file + " names the schema").isEqualTo(schema.normalize());
    }
  }
}
