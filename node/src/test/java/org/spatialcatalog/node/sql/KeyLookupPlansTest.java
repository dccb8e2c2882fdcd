package org.spatialcatalog.node.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.node.changelog.ChangeLogDatabase;

/**
 * On H2, the embedded default, a harvest batch's look-ups of its job's items and its harvester's
 * links probe the index on the batch's keys, never read every item of the job or every link of the
 * harvester: the plans H2 chooses for the statements as {@code JobItems} and {@code
 * HarvestedRecordWriter} write them, on tables holding several jobs and harvesters.
 */
class KeyLookupPlansTest {

  @TempDir Path dir;
  ChangeLogDatabase db;

  @BeforeEach
  void fill() {
    db = new ChangeLogDatabase(dir);
    db.template.update(
        "INSERT INTO harvest_item (job_id, item_key, state)"
            + " SELECT 'job-' || (X % 3), 'key-' || X, 'PROCESSED' FROM SYSTEM_RANGE(1, 30000)");
    db.template.update(
        "INSERT INTO harvested_record (harvester_id, remote_id, record_id, content_hash)"
            + " SELECT 'harvester-' || (X % 2), 'key-' || X, 'record-' || X, 'hash'"
            + " FROM SYSTEM_RANGE(1, 30000)");
    db.template.execute("ANALYZE");
  }

  @Test
  void aBatchsItemsAreFoundByTheirKeys() {
    String where =
        Placeholders.unindexedEquals("job_id").replace("?", "'job-1'")
            + " AND item_key IN ('key-1', 'key-4', 'key-7')";
    assertThat(plan("SELECT item_key, state FROM harvest_item WHERE " + where))
        .contains("IX_HARVEST_ITEM_KEY: ITEM_KEY IN");
    assertThat(plan("UPDATE harvest_item SET state = 'SKIPPED' WHERE " + where))
        .contains("IX_HARVEST_ITEM_KEY: ITEM_KEY IN");
  }

  @Test
  void aBatchsLinksAreFoundByTheirKeys() {
    assertThat(
            plan(
                "SELECT remote_id, record_id, change_marker, content_hash FROM harvested_record"
                    + " WHERE "
                    + Placeholders.unindexedEquals("harvester_id").replace("?", "'harvester-1'")
                    + " AND remote_id IN ('key-1', 'key-3', 'key-5')"))
        .contains("IX_HARVESTED_RECORD_REMOTE: REMOTE_ID IN");
  }

  @Test
  void whatTheFormerFormCostOnH2() {
    // `job_id || ''` is folded back into `job_id`, and H2 then reads the whole job by its
    // primary key for every batch: the reason unindexedEquals uses CONCAT.
    assertThat(
            plan(
                "SELECT item_key, state FROM harvest_item WHERE job_id || '' = 'job-1'"
                    + " AND item_key IN ('key-1', 'key-4', 'key-7')"))
        .contains("PRIMARY_KEY")
        .doesNotContain("IX_HARVEST_ITEM_KEY");
  }

  private String plan(String sql) {
    List<String> rows = db.template.queryForList("EXPLAIN " + sql, String.class);
    return String.join("\n", rows);
  }
}
