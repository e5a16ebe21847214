package uk.jtai.response.benchmarking;

import java.util.Arrays;
import java.util.Optional;

/** A self-rating against an evaluation criterion (guidance 8.3): Red, Amber or Green. */
public enum Rag {
  RED("Red"), AMBER("Amber"), GREEN("Green");

  private final String word;

  Rag(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  /** The value a form sends ("red", "amber", "green"). */
  public String value() {
    return name().toLowerCase(java.util.Locale.UK);
  }

  public static Optional<Rag> of(String value) {
    return Arrays.stream(values()).filter(r -> r.value().equals(value)).findFirst();
  }
}
