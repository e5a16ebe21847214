package uk.jtai.response.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A form field is named by its record component, and only by one. */
class KeyTest {

  record Submitted(String returnLocation, boolean briefed) {}

  @Test
  void aComponentsAccessorNamesItsField() {
    assertThat(Key.nameOf(Submitted::returnLocation)).isEqualTo("returnLocation");
    assertThat(Key.nameOf(Submitted::briefed)).isEqualTo("briefed");
  }

  @Test
  void anythingElseIsRefused() {
    assertThatThrownBy(() -> Key.nameOf((Submitted submitted) -> submitted.returnLocation()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("such as Submitted::returnLocation");
    assertThatThrownBy(() -> Key.nameOf(Submitted::toString))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("::toString is not one");
  }
}
