package uk.jtai.response.process;

/**
 * What makes a rehearsal ("dry run") of an inspection unmistakable: its reference, which is also the
 * business key every process of it carries (Cockpit shows it), starts with {@link #PREFIX}; every task
 * name and e-mail subject starts with {@link #MARK}, and every e-mail body with {@link #BANNER}. A real
 * inspection's reference cannot take the prefix (jtai.inspection.reference-pattern starts with JTAI-).
 */
public final class Rehearsals {

  public static final String PREFIX = "REHEARSAL-";
  /** The start variable of jtai-inspection that asks for a rehearsal. */
  public static final String REQUESTED = "rehearsal";
  public static final String MARK = "[REHEARSAL]";
  public static final String BANNER = "REHEARSAL (dry run): this is about a rehearsal of a Joint Targeted Area Inspection, "
      + "not a real inspection.";

  private Rehearsals() {}

  public static boolean isRehearsal(String reference) {
    return reference != null && reference.startsWith(PREFIX);
  }

  /** A task name or e-mail subject with the mark in front (once). */
  public static String marked(String text) {
    return text.startsWith(MARK) ? text : MARK + " " + text;
  }

  /** An e-mail body with the banner on top (once). */
  public static String withBanner(String body) {
    return body.startsWith(BANNER) ? body : BANNER + "\n\n" + body;
  }
}
