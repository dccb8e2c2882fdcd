package org.spatialcatalog.node.record;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.spatialcatalog.config.RecordId;
import org.spatialcatalog.index.Property;
import org.spatialcatalog.node.changelog.Change;
import org.spatialcatalog.node.changelog.ChangeCommitted;
import org.spatialcatalog.node.changelog.ChangeLog;
import org.spatialcatalog.node.changelog.LocalIndexProgress;
import org.spatialcatalog.node.settings.LiveSettings;
import org.spatialcatalog.node.settings.Settings;
import org.spatialcatalog.node.sql.Placeholders;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes harvested records: the sibling of {@link RecordService} for harvesters.
 *
 * <p>Guarantees: a batch commits in one transaction with its change-log entries (so every node's
 * index follows) and with whatever the caller does in {@code beforeCommit} (the harvest job's
 * fencing check and progress), or not at all. A record keeps its metadata uuid and the link to its
 * harvester and remote id ({@code harvested_record}); an import is keyed on (harvester, remote id,
 * content hash), so importing the same source record twice changes nothing the second time, and a
 * changed content is imported even when the source's change marker did not move (the marker is
 * stored for the operator and for sources that could skip fetching by it). A removed record keeps
 * its link, marked removed, and comes back under its old id (one version past its tombstone) when
 * its source has it again; its privileges are the defaults again and its attachments are gone,
 * since removing a record deletes both. A uuid that belongs to a local record or to another
 * harvester's record is refused, never overwritten. Unlike {@link RecordService}, writers do not
 * wait until the batch is searchable: a harvest is not a request that reads its own writes.
 */
@Service
public class HarvestedRecordWriter {

  /**
   * One record to import.
   *
   * @param remoteId the source's id for it
   * @param parsed the record
   * @param changeMarker what the source says of its version, or null
   * @param contentHash a hash of its XML
   */
  public record Incoming(
      String remoteId, ParsedRecord parsed, String changeMarker, String contentHash) {}

  /** What became of an incoming record. */
  public enum Result {
    CREATED,
    UPDATED,
    UNCHANGED,
    REFUSED
  }

  /** The result for one incoming record; {@code reason} is set when it was refused. */
  public record Outcome(Incoming item, Result result, String reason) {}

  private final RecordRepository records;
  private final ChangeLog changeLog;
  private final TransactionTemplate tx;
  private final JdbcClient jdbc;
  private final LocalIndexProgress progress;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final RecordHistory history;
  private final LiveSettings settings;

  HarvestedRecordWriter(
      RecordRepository records,
      ChangeLog changeLog,
      TransactionTemplate tx,
      JdbcClient jdbc,
      LocalIndexProgress progress,
      ApplicationEventPublisher events,
      Clock clock,
      RecordHistory history,
      LiveSettings settings) {
    this.history = history;
    this.settings = settings;
    this.records = records;
    this.changeLog = changeLog;
    this.tx = tx;
    this.jdbc = jdbc;
    this.progress = progress;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Imports a batch for a harvester. {@code beforeCommit} runs inside the transaction with the
   * outcomes; throwing from it rolls the whole batch back.
   */
  public List<Outcome> importBatch(
      String harvesterId, List<Incoming> batch, Consumer<List<Outcome>> beforeCommit) {
    BatchLog log = new BatchLog();
    List<Outcome> outcomes =
        tx.execute(
            status -> {
              List<Outcome> result = write(harvesterId, batch, log);
              beforeCommit.accept(result);
              log.appendTo(changeLog);
              return result;
            });
    notifyCommitted(log);
    return outcomes;
  }

  private List<Outcome> write(String harvesterId, List<Incoming> batch, BatchLog log) {
    Map<String, Link> links = links(harvesterId, batch.stream().map(Incoming::remoteId).toList());
    Map<String, String> linkedUuids =
        uuidsOfIds(links.values().stream().map(Link::recordId).toList());
    Map<String, String> uuidOwners =
        idsOfUuids(batch.stream().map(i -> uuidOf(harvesterId, i)).toList());
    Instant now = Instant.now(clock);
    List<Outcome> outcomes = new ArrayList<>(batch.size());
    List<StoredRecord> inserts = new ArrayList<>();
    List<String> insertXml = new ArrayList<>();
    List<Map<Property, List<String>>> insertProperties = new ArrayList<>();
    List<ChangeLog.Pending> changes = new ArrayList<>();
    List<Object[]> newLinks = new ArrayList<>();
    Set<String> uuidsInBatch = new HashSet<>();
    for (Incoming in : batch) {
      String uuid = uuidOf(harvesterId, in);
      if (!uuidsInBatch.add(uuid)) {
        outcomes.add(
            new Outcome(
                in,
                Result.REFUSED,
                "uuid " + uuid + " appears twice in the same page of the source"));
        continue;
      }
      Link link = links.get(in.remoteId());
      String currentUuid = link == null ? null : linkedUuids.get(link.recordId());
      if (currentUuid != null) {
        // The record was fetched, so its content decides: sources with constant or day-only
        // datestamps would otherwise hide real edits behind an unchanged change marker.
        if (in.contentHash().equals(link.contentHash())) {
          outcomes.add(new Outcome(in, Result.UNCHANGED, null));
          continue;
        }
        String owner = uuidOwners.get(uuid);
        if (!uuid.equals(currentUuid) && owner != null) {
          outcomes.add(new Outcome(in, Result.REFUSED, refusal(uuid, owner)));
          continue;
        }
        keepPreviousVersion(link.recordId(), "UPDATE");
        long version =
            records.update(link.recordId(), in.parsed(), uuid, now, in.parsed().properties());
        updateLink(harvesterId, in);
        changes.add(new ChangeLog.Pending(link.recordId(), Change.Operation.UPDATE, version));
        outcomes.add(new Outcome(in, Result.UPDATED, null));
        continue;
      }
      String owner = uuidOwners.get(uuid);
      if (owner != null) {
        outcomes.add(new Outcome(in, Result.REFUSED, refusal(uuid, owner)));
        continue;
      }
      ParsedRecord p = in.parsed();
      // A link without its record: the record was removed (it vanished from the source, or was
      // deleted through the record API) and the source has it again. It comes back under its
      // old id, one version past its tombstone, so consumers see a delete then a create of the
      // same record and versions never go back.
      String id = link == null ? RecordId.newId() : link.recordId();
      long version = link == null ? 1 : lastVersion(id) + 1;
      inserts.add(
          new StoredRecord(
              id,
              uuid,
              p.schema().id(),
              p.title(),
              p.abstractText(),
              p.keywords(),
              p.bbox(),
              p.dateStamp(),
              version,
              now,
              now,
              // Harvested records have no owner and stay public until someone restricts them.
              RecordAccess.ownedBy(null, null)));
      insertXml.add(p.xml());
      insertProperties.add(p.properties());
      if (link != null) {
        updateLink(harvesterId, in);
      } else {
        newLinks.add(
            new Object[] {harvesterId, in.remoteId(), id, in.changeMarker(), in.contentHash()});
      }
      changes.add(new ChangeLog.Pending(id, Change.Operation.CREATE, version));
      outcomes.add(new Outcome(in, Result.CREATED, null));
    }
    if (!inserts.isEmpty()) {
      records.insertAll(inserts, insertXml, insertProperties);
    }
    if (!newLinks.isEmpty()) {
      for (int from = 0; from < newLinks.size(); from += 100) {
        List<Object[]> rows = newLinks.subList(from, Math.min(newLinks.size(), from + 100));
        List<Object> params = new ArrayList<>(rows.size() * 5);
        rows.forEach(r -> params.addAll(java.util.Arrays.asList(r)));
        jdbc.sql(
                "INSERT INTO harvested_record (harvester_id, remote_id, record_id,"
                    + " change_marker, content_hash) VALUES "
                    + Placeholders.rows(rows.size(), 5))
            .params(params)
            .update();
      }
    }
    log.collect(changes);
    return outcomes;
  }

  /**
   * Removes a harvester's records by remote id, in one transaction with the change log and {@code
   * beforeCommit}; returns how many records were removed.
   */
  public int removeAll(
      String harvesterId, Collection<String> remoteIds, Consumer<Integer> beforeCommit) {
    BatchLog log = new BatchLog();
    List<String> removedIds = new ArrayList<>();
    Integer removed =
        tx.execute(
            status -> {
              Map<String, Link> links = links(harvesterId, List.copyOf(remoteIds));
              List<ChangeLog.Pending> changes = new ArrayList<>();
              for (Link link : links.values()) {
                Long version =
                    jdbc.sql("SELECT version FROM metadata_record WHERE id = ?")
                        .param(link.recordId())
                        .query(Long.class)
                        .optional()
                        .orElse(null);
                if (version != null) {
                  keepPreviousVersion(link.recordId(), "DELETE");
                  records.delete(link.recordId());
                  changes.add(
                      new ChangeLog.Pending(link.recordId(), Change.Operation.DELETE, version + 1));
                }
                // The link stays, marked removed, so the record keeps its id if it comes back.
                jdbc.sql(
                        "UPDATE harvested_record SET removed_at = ?"
                            + " WHERE harvester_id = ? AND remote_id = ? AND removed_at IS NULL")
                    .params(
                        java.sql.Timestamp.from(Instant.now(clock)), harvesterId, link.remoteId())
                    .update();
              }
              beforeCommit.accept(changes.size());
              log.collect(changes);
              log.appendTo(changeLog);
              changes.forEach(c -> removedIds.add(c.recordId()));
              return changes.size();
            });
    notifyCommitted(log);
    if (!removedIds.isEmpty()) {
      events.publishEvent(new HarvestedRecordsRemoved(removedIds));
    }
    return removed == null ? 0 : removed;
  }

  /** The metadata uuid an incoming record is stored under. */
  static String uuidOf(String harvesterId, Incoming in) {
    if (in.parsed().uuid() != null) {
      return in.parsed().uuid();
    }
    // A record without its own identifier still needs a stable uuid, or every run would
    // create a new record for it.
    return UUID.nameUUIDFromBytes(
            (harvesterId + "\n" + in.remoteId()).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private void updateLink(String harvesterId, Incoming in) {
    jdbc.sql(
            "UPDATE harvested_record SET change_marker = ?, content_hash = ?, removed_at = NULL"
                + " WHERE harvester_id = ? AND remote_id = ?")
        .params(in.changeMarker(), in.contentHash(), harvesterId, in.remoteId())
        .update();
  }

  /** The last version the change log knows of a removed record (its tombstone), or 0. */
  private long lastVersion(String recordId) {
    Long v =
        jdbc.sql("SELECT MAX(record_version) FROM change_log WHERE record_id = ?")
            .param(recordId)
            .query(Long.class)
            .single();
    return v == null ? 0 : v;
  }

  private String refusal(String uuid, String ownerId) {
    String harvester =
        jdbc.sql("SELECT harvester_id FROM harvested_record WHERE record_id = ?")
            .param(ownerId)
            .query(String.class)
            .optional()
            .orElse(null);
    return "uuid "
        + uuid
        + " already belongs to record "
        + ownerId
        + (harvester == null ? " (not harvested)" : " of harvester " + harvester);
  }

  private void notifyCommitted(BatchLog log) {
    if (log.lastSeq > 0) {
      // One notification per batch: a node told "read up to seq" applies all before it too.
      progress.changeCommitted(log.lastSeq);
      events.publishEvent(new ChangeCommitted(log.lastSeq, log.lastRecordId, false));
    }
  }

  /**
   * A batch's change-log entries: collected while the batch is written, appended at the end of its
   * transaction, and announced after the commit by the sequence and record of the last one.
   */
  private static final class BatchLog {
    private List<ChangeLog.Pending> pending = List.of();
    private long lastSeq;
    private String lastRecordId;

    void collect(List<ChangeLog.Pending> changes) {
      pending = changes;
    }

    void appendTo(ChangeLog changeLog) {
      if (!pending.isEmpty()) {
        lastSeq = changeLog.appendAll(pending);
        lastRecordId = pending.get(pending.size() - 1).recordId();
      }
    }
  }

  private record Link(String remoteId, String recordId, String changeMarker, String contentHash) {}

  private Map<String, Link> links(String harvesterId, List<String> remoteIds) {
    Map<String, Link> result = new HashMap<>();
    for (List<String> chunk : chunks(remoteIds)) {
      List<Object> params = new ArrayList<>(chunk.size() + 1);
      params.add(harvesterId);
      params.addAll(chunk);
      jdbc.sql(
              "SELECT remote_id, record_id, change_marker, content_hash FROM harvested_record"
                  + " WHERE "
                  // Index (remote_id, harvester_id) serves the lookup: see unindexedEquals.
                  + Placeholders.unindexedEquals("harvester_id")
                  + " AND remote_id IN ("
                  + Placeholders.list(chunk.size())
                  + ")")
          .params(params)
          .query(
              (rs, i) ->
                  new Link(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
          .list()
          .forEach(l -> result.put(l.remoteId(), l));
    }
    return result;
  }

  private Map<String, String> uuidsOfIds(List<String> ids) {
    return column("id", "uuid", ids);
  }

  private Map<String, String> idsOfUuids(List<String> uuids) {
    return column("uuid", "id", uuids);
  }

  /** {@code to} of the records whose {@code from} is one of {@code keys}, by key. */
  private Map<String, String> column(String from, String to, List<String> keys) {
    Map<String, String> result = new HashMap<>();
    for (List<String> chunk : chunks(keys)) {
      jdbc.sql(
              "SELECT "
                  + from
                  + ", "
                  + to
                  + " FROM metadata_record WHERE "
                  + from
                  + " IN ("
                  + Placeholders.list(chunk.size())
                  + ")")
          .params(new ArrayList<Object>(chunk))
          .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2)))
          .list()
          .forEach(e -> result.put(e.getKey(), e.getValue()));
    }
    return result;
  }

  private static List<List<String>> chunks(List<String> values) {
    List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(values));
    List<List<String>> result = new ArrayList<>();
    for (int i = 0; i < distinct.size(); i += 200) {
      result.add(distinct.subList(i, Math.min(distinct.size(), i + 200)));
    }
    return result;
  }

  /** Harvested changes keep history like edits do, when versioning is on. */
  private void keepPreviousVersion(String recordId, String operation) {
    if (Boolean.TRUE.equals(settings.get(Settings.VERSIONING))) {
      history.keep(recordId, operation);
    }
  }
}
