package uk.jtai.response.childselection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.PartnershipProperties;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.tasks.Key;
import uk.jtai.response.tasks.Submission;

/**
 * Reads a selection of children as LAIM enters it (one reference per line, or separated by commas or
 * spaces) and checks it: well-formed references in the partnership's format, no duplicates, a count in
 * the theme's range and, for the audit selection, only children of the first selection. Problems name
 * the entry by its position, never by the child's reference, so no reference is echoed anywhere.
 */
@Component
public class ChildReferences {

  private final PartnershipProperties.ChildReference format;
  private final Pattern pattern;

  public ChildReferences(Partnership partnership) {
    this.format = partnership.childReference();
    this.pattern = Pattern.compile(format.pattern());
  }

  public String label() {
    return format.label();
  }

  public boolean isWellFormed(String reference) {
    return pattern.matcher(reference).matches();
  }

  /**
   * The selection in text field {@code key}, or null with the submission's errors recorded.
   *
   * @param from when not null, every child must be one of these (the first selection)
   */
  public <R extends Record> List<String> read(Submission submission, Key<R> key, Theme.Range count, Collection<String> from) {
    String field = key.name();
    String text = submission.text(field, 4000);
    if (text == null) {
      return null;
    }
    List<String> entries = new ArrayList<>();
    for (String entry : text.split("[\\s,;]+")) {
      if (!entry.isBlank()) {
        entries.add(entry.strip());
      }
    }
    boolean ok = true;
    if (!count.contains(entries.size())) {
      submission.reject(field, "the inspectors select " + count + " children; " + entries.size() + " were entered");
      ok = false;
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      String entry = entries.get(i);
      int position = i + 1;
      if (!isWellFormed(entry)) {
        submission.reject(field, "entry " + position + " is not " + format.description());
        ok = false;
        continue;
      }
      Integer first = seen.putIfAbsent(entry, position);
      if (first != null) {
        submission.reject(field, "entry " + position + " repeats entry " + first);
        ok = false;
      } else if (from != null && !from.contains(entry)) {
        submission.reject(field, "entry " + position + " is not one of the children of the first selection");
        ok = false;
      }
    }
    return ok ? entries : null;
  }
}
