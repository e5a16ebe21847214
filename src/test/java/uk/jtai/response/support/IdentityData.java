package uk.jtai.response.support;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import uk.jtai.response.childselection.identity.IdentityListReader;

/**
 * Identifying details for tests: a child per reference with a name no other test uses, a date of birth of a
 * child on {@code today}, a valid NHS number (modulus 11) and a postcode; as the rows LAIM pastes from a
 * spreadsheet (tab-separated) and as the strings a scan of the database or log must not find.
 */
public final class IdentityData {

  private static final DateTimeFormatter UK = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  /** One child's cells: reference, full name, date of birth, NHS number, postcode, address. */
  public record Row(String reference, String fullName, LocalDate dateOfBirth, String nhsNumber, String postcode, String address) {
    public List<String> cells() {
      return List.of(reference, fullName, dateOfBirth.format(UK), nhsNumber, postcode, address);
    }
  }

  private IdentityData() {}

  public static List<Row> rows(int series, List<String> references, LocalDate today) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < references.size(); i++) {
      String name = "Ysolde " + surname(series, i);
      LocalDate born = today.minusYears(2 + i % 15).minusDays(11L * i + series % 300 + 1);
      rows.add(new Row(references.get(i), name, born, nhsNumber(series * 100 + i), "YO" + (1 + i % 30) + " 7HH",
          (i + 1) + " Quernmoor Lane, York"));
    }
    return rows;
  }

  /** Tab-separated, as Excel copies a range; a trailing line break as Excel leaves one. */
  public static String pasted(List<Row> rows) {
    StringBuilder text = new StringBuilder();
    for (Row row : rows) {
      text.append(String.join("\t", row.cells())).append("\r\n");
    }
    return text.toString();
  }

  /**
   * What must never be found: names, dates of birth as pasted and NHS numbers (not ISO dates: a bank holiday
   * or a schedule may hold the same day).
   */
  public static List<String> secrets(List<Row> rows) {
    return rows.stream().flatMap(row -> Stream.of(row.fullName(), row.fullName().split(" ")[1], row.dateOfBirth().format(UK),
        row.nhsNumber())).toList();
  }

  /** A valid NHS number whose first nine digits are made from {@code n}. */
  public static String nhsNumber(int n) {
    for (long k = 0; ; k++) {
      String candidate = String.format("4%09d", (n * 79_190L + k) % 1_000_000_000L);
      if (IdentityListReader.isValidNhsNumber(candidate)) {
        return candidate;
      }
    }
  }

  private static String surname(int series, int i) {
    String letters = "bcdfghjklmnprstvwxz";
    return "Quennell" + letters.charAt(series % letters.length()) + letters.charAt((series / letters.length()) % letters.length())
        + letters.charAt(i % letters.length()) + "ow" + letters.charAt(i / letters.length() % letters.length()) + "e";
  }
}
