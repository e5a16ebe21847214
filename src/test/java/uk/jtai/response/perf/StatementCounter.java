package uk.jtai.response.perf;

import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements and commits that go through a DataSource, from every thread (the engine,
 * its job executor, the product's pollers): a statement of a JDBC batch counts once per row of the batch.
 */
final class StatementCounter {

  private final LongAdder statements = new LongAdder();
  private final LongAdder commits = new LongAdder();

  /** A snapshot of the counts. */
  record Counts(long statements, long commits) {
    Counts minus(Counts earlier) {
      return new Counts(statements - earlier.statements, commits - earlier.commits);
    }
  }

  DataSource wrap(DataSource dataSource) {
    return ProxyDataSourceBuilder.create("counted", dataSource)
        .afterQuery((execution, queries) -> statements.add(execution.isBatch() ? execution.getBatchSize() : queries.size()))
        .afterMethod(method -> {
          if (method.getMethod().getName().equals("commit")) {
            commits.increment();
          }
        })
        .build();
  }

  /** Wraps the application's DataSource bean as it is created, before the engine or Flyway use it. */
  BeanPostProcessor wrapper() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource dataSource && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)
            ? wrap(dataSource) : bean;
      }
    };
  }

  Counts now() {
    return new Counts(statements.sum(), commits.sum());
  }
}
