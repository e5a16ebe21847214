package uk.jtai.response.childselection.identity;

import java.time.LocalDate;

/**
 * One selected child's identifying details, as the inspectors' list gives them and partners search by
 * (guidance 9.3 to 9.6): the MOSAIC number (the partnership's child reference), full name, date of birth,
 * and, when given, NHS number (ten digits), postcode and address (null when not given). Child-level data:
 * only ever in {@link ChildIdentities} (encrypted) and on the pages that show it.
 */
public record ChildIdentity(String childReference, String fullName, LocalDate dateOfBirth, String nhsNumber,
                            String postcode, String address) {

  /** NHS number as people write it: 3 3 4 digits. */
  public String nhsNumberSpaced() {
    return nhsNumber == null ? "" : nhsNumber.substring(0, 3) + " " + nhsNumber.substring(3, 6) + " " + nhsNumber.substring(6);
  }
}
