package org.spatialcatalog.node.system;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Lets the pooled connections to an H2 database keep their prepared statements ({@link
 * CachedStatements}): the pool opens its connections through {@link CachedStatements} around the
 * data source it would have built from the URL and credentials itself.
 */
@Component
class H2StatementCache implements BeanPostProcessor {

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource ds
        && ds.getDataSource() == null
        && ds.getJdbcUrl() != null
        && ds.getJdbcUrl().startsWith("jdbc:h2:")) {
      ds.setDataSource(
          new CachedStatements(
              new DriverDataSource(
                  ds.getJdbcUrl(),
                  ds.getDriverClassName(),
                  ds.getDataSourceProperties(),
                  ds.getUsername(),
                  ds.getPassword())));
    }
    return bean;
  }
}
