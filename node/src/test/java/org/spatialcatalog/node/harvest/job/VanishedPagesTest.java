package org.spatialcatalog.node.harvest.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.node.changelog.ChangeLogDatabase;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The records a complete run no longer saw are listed page by page from the last id of the page
 * before, on H2 as a node migrates it: every such record once, in order, none the job saw, none
 * already removed, none of another harvester.
 */
class VanishedPagesTest {

  @TempDir Path dir;
  ChangeLogDatabase db;
  JobItems items;

  @BeforeEach
  void fill() {
    db = new ChangeLogDatabase(dir);
    items =
        new JobItems(
            db.jdbc,
            db.template,
            new TransactionTemplate(new DataSourceTransactionManager(db.dataSource)),
            Clock.systemUTC());
    // Links key-0001 .. key-1000 of harvester h, the same keys for harvester other; the job saw
    // every third key of h, and key-0500 .. key-0509 were removed by an earlier run.
    db.template.update(
        "INSERT INTO harvested_record (harvester_id, remote_id, record_id, content_hash)"
            + " SELECT h, 'key-' || LPAD(X, 4, '0'), h || '-record-' || X, 'hash'"
            + " FROM SYSTEM_RANGE(1, 1000), (VALUES 'h', 'other') AS t(h)");
    db.template.update(
        "INSERT INTO harvest_item (job_id, item_key, state)"
            + " SELECT 'job', 'key-' || LPAD(X, 4, '0'), 'PROCESSED' FROM SYSTEM_RANGE(1, 1000)"
            + " WHERE MOD(X, 3) = 0");
    db.template.update(
        "UPDATE harvested_record SET removed_at = CURRENT_TIMESTAMP"
            + " WHERE harvester_id = 'h' AND remote_id BETWEEN 'key-0500' AND 'key-0509'");
  }

  @Test
  void pagesFromTheLastIdListEveryVanishedRecordOnceInOrder() {
    List<String> expected =
        IntStream.rangeClosed(1, 1000)
            .filter(x -> x % 3 != 0 && (x < 500 || x > 509))
            .mapToObj(x -> String.format("key-%04d", x))
            .toList();
    assertThat(items.vanishedCount("h", "job")).isEqualTo(expected.size());

    List<String> listed = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String after = null;
    while (true) {
      List<String> page = items.vanished("h", "job", after, 200);
      if (page.isEmpty()) {
        break;
      }
      pageSizes.add(page.size());
      listed.addAll(page);
      after = page.get(page.size() - 1);
    }

    assertThat(listed).isEqualTo(expected);
    assertThat(pageSizes).containsExactly(200, 200, 200, 60);
  }

  @Test
  void aPageStartsAfterTheGivenIdEvenWhenTheRecordsBeforeItAreStillThere() {
    // Nothing was removed between the calls: a page that started from the first again would
    // repeat key-0001.
    assertThat(items.vanished("h", "job", null, 2)).containsExactly("key-0001", "key-0002");
    assertThat(items.vanished("h", "job", "key-0002", 2)).containsExactly("key-0004", "key-0005");
    assertThat(items.vanished("h", "job", "key-1000", 2)).isEmpty();
  }
}
