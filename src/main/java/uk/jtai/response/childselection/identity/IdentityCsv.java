package uk.jtai.response.childselection.identity;

import java.util.ArrayList;
import java.util.List;

/**
 * A child's details as cells of a spreadsheet download. A cell that starts with {@code = + - @} (or a tab or
 * carriage return) is what a spreadsheet would run as a formula: it is stored as typed, and written out
 * behind an apostrophe so it is read as text.
 */
final class IdentityCsv {

  private IdentityCsv() {}

  static List<String> neutralised(ChildIdentity child) {
    List<String> cells = new ArrayList<>();
    cells.add(neutralised(child.childReference()));
    cells.add(neutralised(child.fullName()));
    cells.add(child.dateOfBirth().format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));
    cells.add(child.nhsNumber() == null ? "" : child.nhsNumberSpaced());
    cells.add(neutralised(child.postcode()));
    cells.add(neutralised(child.address()));
    return cells;
  }

  static String neutralised(String cell) {
    if (cell == null || cell.isEmpty()) {
      return "";
    }
    char first = cell.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + cell : cell;
  }
}
