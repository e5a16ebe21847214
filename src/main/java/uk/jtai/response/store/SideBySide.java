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
import java.util.function.ToIntFunction;

/**
 * Works through the rows of a claimed batch a few at a time (the outbox's e-mails, the reminders), each row on its
 * own thread in its own transaction; one thread means one row after another on the caller's thread. A row's work
 * that throws does not stop the others; the first such exception is thrown once every row has been worked on.
 */
public final class SideBySide implements AutoCloseable {

  private final ExecutorService workers;
  private final int threads;

  /**
   * {@code rows} dealt into at most as many shares as it has threads, in turn (the first row to the first share, the second
   * to the second...), so that each share starts with the earliest rows and keeps their order.
   */
  public <T> List<List<T>> shares(List<T> rows) {
    int count = Math.min(threads, rows.size());
    List<List<T>> shares = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      shares.add(new ArrayList<>());
    }
    for (int i = 0; i < rows.size(); i++) {
      shares.get(i % count).add(rows.get(i));
    }
    return shares;
  }

  /** {@code threads} named {@code <name>-1}, {@code <name>-2}...; none when {@code threads} is 1. */
  public SideBySide(String name, int threads) {
    this.threads = Math.max(1, threads);
    AtomicInteger numbered = new AtomicInteger();
    this.workers = threads <= 1 ? null : Executors.newFixedThreadPool(threads, work -> {
      Thread thread = new Thread(work, name + "-" + numbered.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Does {@code work} for every row and waits for all of them; how many it returned true for. */
  public <T> int count(List<T> rows, Predicate<T> work) {
    return sum(rows, row -> work.test(row) ? 1 : 0);
  }

  /** Does {@code work} for every row (a share of a batch, say) and waits for all of them; the sum of what it returned. */
  public <T> int sum(List<T> rows, ToIntFunction<T> work) {
    if (workers == null || rows.size() < 2) {
      int done = 0;
      for (T row : rows) {
        done += work.applyAsInt(row);
      }
      return done;
    }
    List<Future<Integer>> running = new ArrayList<>();
    rows.forEach(row -> running.add(workers.submit(() -> work.applyAsInt(row))));
    int done = 0;
    RuntimeException failure = null;
    for (Future<Integer> one : running) {
      try {
        done += one.get();
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
