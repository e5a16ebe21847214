package uk.jtai.response.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * Two inspections of one theme (a rehearsal beside a real one, or two at once: the benchmark drives 20)
 * whose Business Unit users update the context presentation in the same instant: both are recorded and
 * neither is refused. It was one row per theme, replaced by a delete and an insert, so the second
 * transaction failed on the primary key and its user could not complete the task.
 */
class ContextPresentationRaceTest extends ProcessTestSupport {

  @Autowired Fieldwork fieldwork;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void twoInspectionsOfOneThemeUpdateThePresentationInTheSameInstant() throws Exception {
    VariableScope inspection = mock(VariableScope.class);
    when(inspection.getVariable("theme")).thenReturn("presentation-race");
    TransactionTemplate transaction = new TransactionTemplate(transactions);
    CountDownLatch firstWritten = new CountDownLatch(1);
    CountDownLatch secondDone = new CountDownLatch(1);
    ExecutorService users = Executors.newFixedThreadPool(2);
    try {
      Future<?> first = users.submit(() -> transaction.executeWithoutResult(status -> {
        fieldwork.recordPresentation(inspection, "Presentation of the first", "bu");
        firstWritten.countDown();
        try {
          // Still open while the second user saves (with the fault the second waits on this row, so give up after a while).
          secondDone.await(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      assertThat(firstWritten.await(10, TimeUnit.SECONDS)).isTrue();
      Future<?> second = users.submit(() -> {
        try {
          transaction.executeWithoutResult(status -> fieldwork.recordPresentation(inspection, "Presentation of the second", "bu"));
        } finally {
          secondDone.countDown();
        }
      });
      first.get(30, TimeUnit.SECONDS);
      second.get(30, TimeUnit.SECONDS);
    } finally {
      users.shutdown();
    }
    assertThat(fieldwork.latestPresentation(inspection)).isEqualTo("Presentation of the second");
  }
}
