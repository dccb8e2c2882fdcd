package org.spatialcatalog.node.system;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Raises H2's lock timeout (1 s by default) on every pooled connection. Writers on all nodes queue
 * on the change-log counter row, and a burst of concurrent writes can make that queue longer than a
 * second; PostgreSQL waits without a limit by default.
 */
@Component
class H2LockTimeout implements BeanPostProcessor {

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource ds
        && ds.getJdbcUrl() != null
        && ds.getJdbcUrl().startsWith("jdbc:h2:")
        && ds.getConnectionInitSql() == null) {
      ds.setConnectionInitSql("SET LOCK_TIMEOUT 20000");
    }
    return bean;
  }
}
