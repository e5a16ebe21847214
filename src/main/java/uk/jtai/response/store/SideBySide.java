package uk.jtai.response.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Works through the rows of a claimed batch a few at a time (the outbox's e-mails, the reminders), each row on its
 * own thread in its own transaction; one thread means one row after another on the caller's thread. A row's work
 * that throws does not stop the others; the first such exception is thrown once every row has been worked on.
 */
public final class SideBySide implements AutoCloseable {

  private final ExecutorService workers;

  /** {@code threads} named {@code <name>-1}, {@code <name>-2}...; none when {@code threads} is 1. */
  public SideBySide(String name, int threads) {
    AtomicInteger numbered = new AtomicInteger();
    this.workers = threads <= 1 ? null : Executors.newFixedThreadPool(threads, work -> {
      Thread thread = new Thread(work, name + "-" + numbered.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Does {@code work} for every row and waits for all of them; how many it returned true for. */
  public <T> int count(List<T> rows, Predicate<T> work) {
    if (workers == null || rows.size() < 2) {
      int done = 0;
      for (T row : rows) {
        done += work.test(row) ? 1 : 0;
      }
      return done;
    }
    List<Future<Boolean>> running = new ArrayList<>();
    rows.forEach(row -> running.add(workers.submit(() -> work.test(row))));
    int done = 0;
    RuntimeException failure = null;
    for (Future<Boolean> one : running) {
      try {
        done += one.get() ? 1 : 0;
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while working through a batch", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return done;
  }

  @Override
  public void close() {
    if (workers != null) {
      workers.shutdown();
      try {
        workers.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
