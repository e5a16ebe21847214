package uk.jtai.response.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SideBySideTest {

  @Test
  void rowsAreDealtInTurnSoEachShareStartsWithTheEarliestAndKeepsTheirOrder() {
    try (SideBySide four = new SideBySide("test", 4)) {
      assertThat(four.shares(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)))
          .containsExactly(List.of(1, 5, 9), List.of(2, 6, 10), List.of(3, 7), List.of(4, 8));
      assertThat(four.shares(List.of(1, 2))).containsExactly(List.of(1), List.of(2));
      assertThat(four.shares(List.of())).isEmpty();
    }
    try (SideBySide one = new SideBySide("test", 1)) {
      assertThat(one.shares(List.of(1, 2, 3))).containsExactly(List.of(1, 2, 3));
    }
  }

  @Test
  void sharesAreWorkedOnSideBySideAndWhatTheyReturnIsAddedUp() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    try (SideBySide four = new SideBySide("test", 4)) {
      int sum = four.sum(four.shares(List.of(1, 2, 3, 4, 5, 6, 7, 8)), share -> {
        threads.add(Thread.currentThread().getName());
        return share.stream().mapToInt(Integer::intValue).sum();
      });
      assertThat(sum).isEqualTo(36);
    }
    assertThat(threads).allMatch(name -> name.startsWith("test-"));
  }

  @Test
  void aShareThatFailsDoesNotStopTheOthersAndItsFailureIsThrownAfterThem() {
    Set<Integer> done = ConcurrentHashMap.newKeySet();
    try (SideBySide two = new SideBySide("test", 2)) {
      assertThatThrownBy(() -> two.sum(List.of(1, 2, 3), row -> {
        if (row == 1) {
          throw new IllegalStateException("row 1 failed");
        }
        done.add(row);
        return 1;
      })).hasMessage("row 1 failed");
    }
    assertThat(done).containsExactlyInAnyOrder(2, 3);
  }
}
