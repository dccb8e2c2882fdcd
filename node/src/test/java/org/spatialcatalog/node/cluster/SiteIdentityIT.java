package org.spatialcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The site uuid is set exactly once, even when many nodes start at the same moment. */
class SiteIdentityIT {

  @Test
  void manyNodesStartingAtOnceAgreeOnOneSiteUuid(@TempDir Path dir) throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + dir.resolve("site") + ";LOCK_TIMEOUT=10000");
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration/common", "classpath:db/migration/h2")
        .load()
        .migrate();
    JdbcClient jdbc = JdbcClient.create(ds);

    int nodes = 8;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    List<Future<String>> ids = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      SiteIdentity site = new SiteIdentity(jdbc);
      ids.add(
          pool.submit(
              () -> {
                go.await();
                return site.siteId();
              }));
    }
    go.countDown();
    Set<String> seen = new HashSet<>();
    for (Future<String> id : ids) {
      seen.add(id.get());
    }
    pool.shutdown();

    assertThat(seen).hasSize(1);
    String siteId = seen.iterator().next();
    assertThat(siteId).isNotEqualTo("CHANGEME").matches("[0-9a-f-]{36}");
    // A node added later reads the same value and never changes it.
    assertThat(new SiteIdentity(jdbc).siteId()).isEqualTo(siteId);
  }
}
