package uk.jtai.response.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * A milestone is read once per transaction (a task's due date, its timer and its reminders ask for the same one),
 * never across transactions, and a write in the transaction is read back at once.
 */
class ScheduleReadOnceTest extends ProcessTestSupport {

  @Autowired ScheduleRepository repository;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void aMilestoneIsReadOncePerTransactionAndAMoveIsSeenAtOnceAndByTheNextTransaction() {
    String reference = newReference();
    registerInspection(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00");
    TransactionTemplate inOne = new TransactionTemplate(transactions);
    Instant moved = Instant.parse("2027-05-25T14:00:00Z");

    inOne.executeWithoutResult(status -> {
      Instant due = repository.due(reference, "ANNEX_A_DUE").orElseThrow();
      // Changed behind the repository's back in the same transaction: the first read holds.
      jdbc.update("update jtai_milestone set due = ? where reference = ? and name = ?",
          java.sql.Timestamp.from(moved), reference, "ANNEX_A_DUE");
      assertThat(repository.due(reference, "ANNEX_A_DUE")).contains(due);
      assertThat(repository.find(reference).orElseThrow().milestone("ANNEX_A_DUE").orElseThrow().due()).isEqualTo(moved);
      // A write through the repository is read back at once.
      Milestone later = new Milestone("ANNEX_A_DUE", 2, moved.plusSeconds(3600), "Annex A child-level lists submitted");
      repository.putMilestone(reference, later);
      assertThat(repository.due(reference, "ANNEX_A_DUE")).contains(moved.plusSeconds(3600));
    });
    // The next transaction reads the database again.
    jdbc.update("update jtai_milestone set due = ? where reference = ? and name = ?", java.sql.Timestamp.from(moved), reference,
        "ANNEX_A_DUE");
    java.util.Optional<Instant> read = inOne.execute(status -> repository.due(reference, "ANNEX_A_DUE"));
    assertThat(read).contains(moved);
    assertThat(repository.due(reference, "ANNEX_A_DUE")).contains(moved);
  }
}
