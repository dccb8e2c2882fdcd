package org.spatialcatalog.node.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.spatialcatalog.index.QuarantinedRecord;
import org.spatialcatalog.index.RecordIndex;
import org.spatialcatalog.node.record.RecordRepository;
import org.springframework.stereotype.Component;

/**
 * Compares this node's index with the database, record by record (id and version), and repairs the
 * differences on request. The comparison runs under the index write lock after a catch-up, so it
 * sees the index at the database's state of that moment; writes committed during the comparison may
 * show up as differences and are applied by the next catch-up anyway. Quarantined records (indexed
 * minimally at their database version) are not differences; they are listed separately, with their
 * reason.
 */
@Component
public class IndexVerifier {

  private static final int SAMPLE = 20;

  private final IndexSynchronizer synchronizer;
  private final RecordIndex index;
  private final RecordRepository records;

  private final RecordDocuments documents;

  IndexVerifier(
      IndexSynchronizer synchronizer,
      RecordIndex index,
      RecordRepository records,
      RecordDocuments documents) {
    this.documents = documents;
    this.synchronizer = synchronizer;
    this.index = index;
    this.records = records;
  }

  /** What differs between index and database. */
  public record Report(
      long databaseRecords,
      long indexedRecords,
      int missing,
      int stale,
      int extra,
      List<String> missingSample,
      List<String> staleSample,
      List<String> extraSample,
      boolean repaired,
      long quarantinedCount,
      List<QuarantinedRecord> quarantined) {}

  public Report verify(boolean repair) {
    synchronizer.catchUp();
    return synchronizer.exclusively(
        () -> {
          Map<String, Long> database = records.versions();
          Map<String, Long> indexed = index.versions();
          List<String> missing = new ArrayList<>();
          List<String> stale = new ArrayList<>();
          List<String> extra = new ArrayList<>();
          database.forEach(
              (id, version) -> {
                Long v = indexed.get(id);
                if (v == null) {
                  missing.add(id);
                } else if (!v.equals(version)) {
                  stale.add(id);
                }
              });
          indexed.keySet().stream().filter(id -> !database.containsKey(id)).forEach(extra::add);
          boolean repaired = false;
          if (repair && !(missing.isEmpty() && stale.isEmpty() && extra.isEmpty())) {
            List<String> toLoad = new ArrayList<>(missing);
            toLoad.addAll(stale);
            index.apply(documents.ofIds(toLoad), extra, index.checkpoint());
            index.refresh();
            index.commit();
            repaired = true;
          }
          return new Report(
              database.size(),
              indexed.size(),
              missing.size(),
              stale.size(),
              extra.size(),
              sample(missing),
              sample(stale),
              sample(extra),
              repaired,
              index.quarantinedCount(),
              index.quarantined(SAMPLE));
        });
  }

  private static List<String> sample(List<String> ids) {
    return List.copyOf(ids.subList(0, Math.min(SAMPLE, ids.size())));
  }
}
