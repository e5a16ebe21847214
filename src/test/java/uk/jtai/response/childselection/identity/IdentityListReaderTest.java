package uk.jtai.response.childselection.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.support.ChildData;
import uk.jtai.response.support.IdentityData;

/** The inspectors' list as LAIM pastes or uploads it: every bad input of issue 17 is refused, naming row and field. */
class IdentityListReaderTest {

  private static final LocalDate TODAY = LocalDate.of(2027, 5, 26);
  private static final IdentityListReader.Rules TWENTY = new IdentityListReader.Rules(new Theme.Range(20, 20),
      Theme.Selection.CHILDREN, reference -> reference.matches("[0-9]{4,10}"), "a MOSAIC number, 4 to 10 digits", TODAY);

  private final List<IdentityData.Row> rows = IdentityData.rows(41, ChildData.references(41, 21), TODAY);

  /** The first twenty rows as cells, to spoil one by one. */
  private List<List<String>> twenty() {
    List<List<String>> cells = new ArrayList<>();
    rows.subList(0, 20).forEach(row -> cells.add(new ArrayList<>(row.cells())));
    return cells;
  }

  private static String pasted(List<List<String>> cells) {
    StringBuilder text = new StringBuilder();
    cells.forEach(row -> text.append(String.join("\t", row)).append("\r\n"));
    return text.toString();
  }

  private static List<String> set(List<String> row, int column, String value) {
    row.set(column, value);
    return row;
  }

  private static List<String> problems(String text) {
    IdentityListReader.Result result = IdentityListReader.read(text, TWENTY);
    assertThat(result.children()).as("nothing is kept from a refused list").isEmpty();
    return result.problems().stream().map(IdentityListReader.Problem::toString).toList();
  }

  @Test
  void twentyRowsPastedFromASpreadsheetAreRead() {
    IdentityListReader.Result result = IdentityListReader.read("\n" + pasted(twenty()) + "\n\n", TWENTY);
    assertThat(result.problems()).isEmpty();
    assertThat(result.children()).hasSize(20);
    IdentityData.Row first = rows.get(0);
    assertThat(result.children().get(0)).isEqualTo(new ChildIdentity(first.reference(), first.fullName(), first.dateOfBirth(),
        first.nhsNumber(), first.postcode(), first.address()));
  }

  @Test
  void aCsvWithQuotedCellsIsReadAndOptionalColumnsMayBeEmptyOrLeftOut() {
    StringBuilder csv = new StringBuilder("\uFEFF");
    for (IdentityData.Row row : rows.subList(0, 20)) {
      csv.append(row.reference()).append(",\"").append(row.fullName()).append("\",")
          .append(row.dateOfBirth()).append(row.reference().endsWith("1") ? "\n" : ",,yo17hh,\"1, The Mews\"\n");
    }
    IdentityListReader.Result result = IdentityListReader.read(csv.toString(), TWENTY);
    assertThat(result.problems()).isEmpty();
    assertThat(result.children().get(0).nhsNumber()).isNull();
    assertThat(result.children().get(0).postcode()).isNull();
    assertThat(result.children().get(1).postcode()).isEqualTo("YO1 7HH");
    assertThat(result.children().get(1).address()).isEqualTo("1, The Mews");
    assertThat(result.children().get(1).nhsNumber()).isNull();
  }

  @Test
  void nineteenOrTwentyOneRowsAreRefused() {
    assertThat(problems(IdentityData.pasted(rows.subList(0, 19))))
        .containsExactly("the inspectors select 20 children; the list has 19 rows");
    assertThat(problems(IdentityData.pasted(rows))).containsExactly("the inspectors select 20 children; the list has 21 rows");
  }

  @Test
  void aChildOfFortyOrNotYetBornIsRefused() {
    List<List<String>> list = twenty();
    set(list.get(4), 2, TODAY.minusYears(40).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));
    set(list.get(6), 2, "2027-06-01");
    set(list.get(7), 2, "31/02/2019");
    set(list.get(8), 2, TODAY.minusYears(18).format(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE));
    assertThat(problems(pasted(list))).containsExactly(
        "row 5, date of birth: makes the child 40; this theme's children are aged 0 to 17",
        "row 7, date of birth: is in the future",
        "row 8, date of birth: is not a date such as 14/03/2015",
        "row 9, date of birth: makes the child 18; this theme's children are aged 0 to 17");
  }

  @Test
  void aThemeThatInspectsOlderChildrenOnlyRefusesAYoungerOne() {
    IdentityListReader.Rules sevenToFifteen = new IdentityListReader.Rules(new Theme.Range(20, 20), new Theme.Range(7, 15),
        TWENTY.wellFormedReference(), TWENTY.referenceDescription(), TODAY);
    List<List<String>> list = twenty();
    for (List<String> row : list) {
      set(row, 2, TODAY.minusYears(10).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));
      set(row, 1, row.get(1) + " " + row.get(0)); // still one child a row: the same date of birth
    }
    set(list.get(2), 2, TODAY.minusYears(3).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));
    IdentityListReader.Result result = IdentityListReader.read(pasted(list), sevenToFifteen);
    assertThat(result.problems()).extracting(IdentityListReader.Problem::toString)
        .containsExactly("row 3, date of birth: makes the child 3; this theme's children are aged 7 to 15");
  }

  @Test
  void aBrokenNhsNumberIsRefusedAndAValidOneInAnyLayoutIsRead() {
    assertThat(IdentityListReader.isValidNhsNumber("9434765919")).isTrue();
    assertThat(IdentityListReader.isValidNhsNumber("9434765918")).isFalse();
    assertThat(IdentityListReader.isValidNhsNumber("943476591")).isFalse();
    List<List<String>> list = twenty();
    String valid = list.get(2).get(3);
    String broken = valid.substring(0, 9) + ((valid.charAt(9) - '0' + 1) % 10);
    set(list.get(2), 3, broken);
    set(list.get(3), 3, "12345");
    assertThat(problems(pasted(list))).containsExactly(
        "row 3, NHS number: is not a valid NHS number (ten digits with a correct check digit)",
        "row 4, NHS number: is not a valid NHS number (ten digits with a correct check digit)");
    list = twenty();
    String spaced = valid.substring(0, 3) + " " + valid.substring(3, 6) + "-" + valid.substring(6);
    set(list.get(2), 3, spaced);
    assertThat(IdentityListReader.read(pasted(list), TWENTY).children().get(2).nhsNumber()).isEqualTo(valid);
  }

  @Test
  void aPastedHeaderRowIsRefusedAndSaid() {
    String header = String.join("\t", "MOSAIC no", "Child's name", "DOB", "NHS No", "Postcode", "Address") + "\n";
    assertThat(problems(header + IdentityData.pasted(rows.subList(0, 20))))
        .containsExactly("row 1: looks like a header row (column names, not a child): paste the children's rows only");
  }

  @Test
  void aNameOfTenThousandCharactersIsRefused() {
    List<List<String>> list = twenty();
    set(list.get(1), 1, "A".repeat(10_000));
    assertThat(problems(pasted(list))).containsExactly("row 2, full name: is 10000 characters long; at most 100");
  }

  @Test
  void aFormulaInACellIsKeptAsTextAndExportedBehindAnApostrophe() {
    List<List<String>> list = twenty();
    String formula = "=cmd|' /C calc'!A0";
    set(list.get(0), 1, formula);
    set(list.get(1), 5, "@SUM(1+1)");
    StringBuilder csv = new StringBuilder();
    for (List<String> row : list) {
      csv.append(String.join(",", row.stream().map(cell -> "\"" + cell.replace("\"", "\"\"") + "\"").toList())).append("\n");
    }
    IdentityListReader.Result result = IdentityListReader.read(csv.toString(), TWENTY);
    assertThat(result.problems()).isEmpty();
    assertThat(result.children().get(0).fullName()).as("stored as typed").isEqualTo(formula);
    assertThat(IdentityCsv.neutralised(result.children().get(0)).get(1)).isEqualTo("'" + formula);
    assertThat(IdentityCsv.neutralised(result.children().get(1)).get(5)).isEqualTo("'@SUM(1+1)");
    assertThat(IdentityCsv.neutralised("+44 1904")).isEqualTo("'+44 1904");
    assertThat(IdentityCsv.neutralised("-1")).isEqualTo("'-1");
    assertThat(IdentityCsv.neutralised("Ann")).isEqualTo("Ann");
  }

  @Test
  void duplicatesMissingCellsBadReferencesPostcodesAndExtraColumnsNameTheirRows() {
    List<List<String>> list = twenty();
    set(list.get(3), 0, list.get(0).get(0));
    set(list.get(5), 3, list.get(1).get(3));
    set(set(list.get(9), 1, list.get(2).get(1).toUpperCase()), 2, list.get(2).get(2));
    set(list.get(10), 0, "MOS-12");
    set(list.get(11), 1, " ");
    set(list.get(12), 4, "YO1 7H");
    list.get(13).add("extra");
    String text = pasted(list);
    List<String> problems = problems(text);
    assertThat(problems).containsExactly(
        "row 4, MOSAIC number: repeats row 1",
        "row 6, NHS number: repeats row 2",
        "row 10, full name and date of birth: repeats row 3",
        "row 11, MOSAIC number: is not a MOSAIC number, 4 to 10 digits",
        "row 12, full name: is missing",
        "row 13, postcode: is not the shape of a UK postcode (e.g. YO1 7HH)",
        "row 14: has 7 columns; the list has at most 6 (MOSAIC number, full name, date of birth, NHS number, postcode, address)");
    assertThat(problems).as("no message repeats a child's details")
        .noneMatch(p -> list.stream().flatMap(row -> row.subList(0, 4).stream()).anyMatch(cell -> !cell.isBlank() && p.contains(cell)));
  }

  @Test
  void nothingPastedOrAnUnclosedQuoteIsRefused() {
    assertThat(problems("")).containsExactly("the inspectors select 20 children; the list has 0 rows");
    assertThat(problems("\"1234,Ann")).isNotEmpty();
  }
}
