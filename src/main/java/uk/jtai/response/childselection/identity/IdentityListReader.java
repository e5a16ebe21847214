package uk.jtai.response.childselection.identity;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import uk.jtai.response.partnership.Theme;

/**
 * Reads the inspectors' list of selected children as LAIM pastes it from their spreadsheet (tab-separated,
 * as Excel copies) or uploads it (CSV), one child a row in these columns: MOSAIC number, full name, date of
 * birth (e.g. 14/03/2015 or 2015-03-14), then optionally NHS number, postcode and address. Blank lines are
 * ignored. Every problem names the row and the field, never the value (a message may reach a log), and a
 * list with any problem is refused whole.
 */
public final class IdentityListReader {

  public static final List<String> COLUMNS = List.of("MOSAIC number", "full name", "date of birth", "NHS number",
      "postcode", "address");
  static final int MAX_NAME = 100;
  static final int MAX_ADDRESS = 200;

  private static final DateTimeFormatter[] DATES = {
      DateTimeFormatter.ofPattern("d/M/uuuu", Locale.UK).withResolverStyle(ResolverStyle.STRICT),
      DateTimeFormatter.ofPattern("d-M-uuuu", Locale.UK).withResolverStyle(ResolverStyle.STRICT),
      DateTimeFormatter.ofPattern("d.M.uuuu", Locale.UK).withResolverStyle(ResolverStyle.STRICT),
      DateTimeFormatter.ISO_LOCAL_DATE};
  /** The shape of a UK postcode (outward code, space optional, inward code), as the ONS/Royal Mail rule. */
  private static final Pattern POSTCODE = Pattern.compile(
      "(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]([0-9ABEHMNPRV-Y])?|[0-9][A-HJKPS-UW]) ?[0-9][ABD-HJLNP-UW-Z]{2})");
  private static final Pattern HEADER_WORDS = Pattern.compile("(?i).*(mosaic|name|birth|dob|nhs|postcode|reference|child).*");

  /** A problem with the list: the row (1 = the first row pasted; 0 for the list as a whole) and field. */
  public record Problem(int row, String field, String reason) {
    @Override
    public String toString() {
      String where = row == 0 ? "" : "row " + row + (field == null ? ": " : ", ");
      return where + (field == null ? "" : field + ": ") + reason;
    }
  }

  /** The children in the order pasted, or none and the problems. */
  public record Result(List<ChildIdentity> children, List<Problem> problems) {
    public boolean accepted() {
      return problems.isEmpty();
    }
  }

  /**
   * What a list must meet: the theme's number of children and their ages (whole years on {@code today}, the
   * day the list is recorded), and the partnership's child-reference format.
   */
  public record Rules(Theme.Range count, Theme.Range ages, Predicate<String> wellFormedReference, String referenceDescription,
                      LocalDate today) {}

  private IdentityListReader() {}

  public static Result read(String text, Rules rules) {
    List<Problem> problems = new ArrayList<>();
    List<List<String>> rows = rows(text == null ? "" : text, problems);
    if (!problems.isEmpty()) {
      return new Result(List.of(), problems);
    }
    if (!rows.isEmpty() && looksLikeHeader(rows.get(0), rules)) {
      problems.add(new Problem(1, null, "looks like a header row (column names, not a child): paste the children's rows only"));
      return new Result(List.of(), problems);
    }
    if (!rules.count().contains(rows.size())) {
      problems.add(new Problem(0, null, "the inspectors select " + rules.count() + " children; the list has "
          + rows.size() + " row" + (rows.size() == 1 ? "" : "s")));
    }
    List<ChildIdentity> children = new ArrayList<>();
    Map<String, Integer> references = new HashMap<>();
    Map<String, Integer> nhsNumbers = new HashMap<>();
    Map<String, Integer> people = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      int row = i + 1;
      List<String> cells = rows.get(i);
      int before = problems.size();
      if (cells.size() > COLUMNS.size()) {
        problems.add(new Problem(row, null, "has " + cells.size() + " columns; the list has at most " + COLUMNS.size()
            + " (" + String.join(", ", COLUMNS) + ")"));
        continue;
      }
      String reference = cell(cells, 0);
      String name = cell(cells, 1);
      String born = cell(cells, 2);
      String nhs = cell(cells, 3);
      String postcode = cell(cells, 4);
      String address = cell(cells, 5);

      if (reference == null) {
        problems.add(new Problem(row, "MOSAIC number", "is missing"));
      } else if (!rules.wellFormedReference().test(reference)) {
        problems.add(new Problem(row, "MOSAIC number", "is not " + rules.referenceDescription()));
      }
      if (name == null) {
        problems.add(new Problem(row, "full name", "is missing"));
      } else if (name.length() > MAX_NAME) {
        problems.add(new Problem(row, "full name", "is " + name.length() + " characters long; at most " + MAX_NAME));
      } else if (name.codePoints().anyMatch(Character::isISOControl)) {
        problems.add(new Problem(row, "full name", "holds control characters"));
      }
      LocalDate dateOfBirth = null;
      if (born == null) {
        problems.add(new Problem(row, "date of birth", "is missing"));
      } else {
        dateOfBirth = date(born);
        if (dateOfBirth == null) {
          problems.add(new Problem(row, "date of birth", "is not a date such as 14/03/2015"));
        } else if (dateOfBirth.isAfter(rules.today())) {
          problems.add(new Problem(row, "date of birth", "is in the future"));
        } else {
          int age = Period.between(dateOfBirth, rules.today()).getYears();
          if (!rules.ages().contains(age)) {
            problems.add(new Problem(row, "date of birth", "makes the child " + age + "; this theme's children are aged "
                + rules.ages()));
          }
        }
      }
      String nhsNumber = null;
      if (nhs != null) {
        nhsNumber = nhs.replaceAll("[\\s-]", "");
        if (!isValidNhsNumber(nhsNumber)) {
          problems.add(new Problem(row, "NHS number", "is not a valid NHS number (ten digits with a correct check digit)"));
        }
      }
      String postcodeNormalised = null;
      if (postcode != null) {
        postcodeNormalised = postcode.toUpperCase(Locale.UK).replaceAll("\\s+", " ");
        if (!POSTCODE.matcher(postcodeNormalised).matches()) {
          problems.add(new Problem(row, "postcode", "is not the shape of a UK postcode (e.g. YO1 7HH)"));
        } else if (!postcodeNormalised.contains(" ")) {
          postcodeNormalised = postcodeNormalised.substring(0, postcodeNormalised.length() - 3) + " "
              + postcodeNormalised.substring(postcodeNormalised.length() - 3);
        }
      }
      if (address != null && address.length() > MAX_ADDRESS) {
        problems.add(new Problem(row, "address", "is " + address.length() + " characters long; at most " + MAX_ADDRESS));
      }
      if (reference != null) {
        duplicate(references, reference, row, "MOSAIC number", problems);
      }
      if (nhsNumber != null) {
        duplicate(nhsNumbers, nhsNumber, row, "NHS number", problems);
      }
      if (name != null && dateOfBirth != null) {
        duplicate(people, name.toLowerCase(Locale.UK).replaceAll("\\s+", " ") + "|" + dateOfBirth, row,
            "full name and date of birth", problems);
      }
      if (problems.size() == before) {
        children.add(new ChildIdentity(reference, name, dateOfBirth, nhsNumber, postcodeNormalised, address));
      }
    }
    return problems.isEmpty() ? new Result(List.copyOf(children), List.of()) : new Result(List.of(), problems);
  }

  /** Modulus 11 (NHS Data Dictionary): weights 10 to 2 on the first nine digits; 11 is 0, 10 is never valid. */
  public static boolean isValidNhsNumber(String digits) {
    if (digits == null || !digits.matches("[0-9]{10}")) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (digits.charAt(i) - '0') * (10 - i);
    }
    int check = 11 - sum % 11;
    if (check == 11) {
      check = 0;
    }
    return check != 10 && check == digits.charAt(9) - '0';
  }

  private static void duplicate(Map<String, Integer> seen, String key, int row, String field, List<Problem> problems) {
    Integer first = seen.putIfAbsent(key, row);
    if (first != null) {
      problems.add(new Problem(row, field, "repeats row " + first));
    }
  }

  private static LocalDate date(String text) {
    for (DateTimeFormatter format : DATES) {
      try {
        return LocalDate.parse(text, format);
      } catch (DateTimeParseException e) {
        // the next format
      }
    }
    return null;
  }

  /** A header: no well-formed reference and no date in the first row, and words that name columns. */
  private static boolean looksLikeHeader(List<String> first, Rules rules) {
    String reference = cell(first, 0);
    String born = cell(first, 2);
    boolean child = reference != null && rules.wellFormedReference().test(reference) || born != null && date(born) != null;
    return !child && first.stream().anyMatch(cell -> HEADER_WORDS.matcher(cell).matches());
  }

  private static String cell(List<String> cells, int index) {
    if (index >= cells.size()) {
      return null;
    }
    String value = cells.get(index).strip();
    return value.isEmpty() ? null : value;
  }

  /**
   * The non-blank rows: tab-separated when any line has a tab (a paste from a spreadsheet), comma-separated
   * otherwise (CSV); either may quote a cell with double quotes.
   */
  private static List<List<String>> rows(String text, List<Problem> problems) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    CSVFormat format = (body.indexOf('\t') >= 0 ? CSVFormat.TDF : CSVFormat.EXCEL).builder()
        .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
    List<List<String>> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(body), format)) {
      for (CSVRecord record : parser) {
        List<String> cells = record.toList();
        if (cells.stream().anyMatch(cell -> !cell.isBlank())) {
          rows.add(cells);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalStateException | IllegalArgumentException e) {
      problems.add(new Problem(0, null, "cannot be read as rows of cells (a quote not closed?)"));
    }
    return rows;
  }
}
