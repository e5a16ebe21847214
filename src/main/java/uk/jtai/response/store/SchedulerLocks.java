package uk.jtai.response.store;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A node-wide lock (ShedLock, table jtai_scheduler_lock) for the schedulers that must run on one node at a
 * time: a method annotated {@code @SchedulerLock(name = ...)} runs only where its lock was taken, and is
 * skipped on every other node until the lock is released (when the run ends) or runs out
 * ({@code lockAtMostFor}, for a node that died holding it). The database's clock decides, not the nodes'.
 * The outbox and reminder pollers take no such lock: every node runs them and claims rows
 * ({@link ClaimableQueue}).
 */
@Configuration
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
public class SchedulerLocks {

  public static final String TABLE = "jtai_scheduler_lock";

  @Bean
  public LockProvider lockProvider(DataSource dataSource) {
    return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
        .withJdbcTemplate(new JdbcTemplate(dataSource))
        .withTableName(TABLE)
        .usingDbTime()
        .build());
  }
}
