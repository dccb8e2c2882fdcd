package org.spatialcatalog.node.record;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.spatialcatalog.config.RecordId;
import org.spatialcatalog.index.Property;
import org.spatialcatalog.node.changelog.Change;
import org.spatialcatalog.node.changelog.ChangeCommitted;
import org.spatialcatalog.node.changelog.ChangeLog;
import org.spatialcatalog.node.changelog.LocalIndexProgress;
import org.spatialcatalog.node.config.CatalogProperties;
import org.spatialcatalog.node.settings.LiveSettings;
import org.spatialcatalog.node.settings.Settings;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, replaces and deletes records.
 *
 * <p>Each change commits together with its change-log entry, or not at all. After the commit the
 * node indexes a created, replaced or deleted record from the data it has just committed ({@link
 * OwnWrites}, no read back from the database; a change of privileges goes through the change log)
 * and the request waits (at most {@code catalog.sync.write-visibility-wait}) until it is searchable
 * here, so a client that writes and then searches on the same node sees its write. If the index
 * does not get there in time the call throws {@link NotYetSearchableException}: the change stays
 * committed (nothing is rolled back) and every node, this one included, applies it from the change
 * log. Other nodes learn of the change from the RE-INDEX notification, or from the change log if
 * that notification is lost.
 */
@Service
public class RecordService {

  private final RecordXmlParser parser;
  private final RecordRepository records;
  private final ChangeLog changeLog;
  private final TransactionTemplate tx;
  private final LocalIndexProgress progress;
  private final OwnWrites ownWrites;
  private final Clock clock;
  private final Duration visibilityWait;
  private final ApplicationEventPublisher events;
  private final RecordHistory history;
  private final LiveSettings settings;
  private final RecordGuard guard;

  RecordService(
      RecordXmlParser parser,
      RecordRepository records,
      ChangeLog changeLog,
      TransactionTemplate tx,
      LocalIndexProgress progress,
      OwnWrites ownWrites,
      Clock clock,
      CatalogProperties properties,
      ApplicationEventPublisher events,
      RecordHistory history,
      LiveSettings settings,
      RecordGuard guard) {
    this.guard = guard;
    this.history = history;
    this.settings = settings;
    this.parser = parser;
    this.records = records;
    this.changeLog = changeLog;
    this.tx = tx;
    this.progress = progress;
    this.ownWrites = ownWrites;
    this.clock = clock;
    this.visibilityWait = properties.sync().writeVisibilityWait();
    this.events = events;
  }

  /** Stores a new record; throws {@link DuplicateUuidException} if its uuid is taken. */
  public StoredRecord create(String xml) {
    RecordAccess access = guard.checkCreate();
    ParsedRecord parsed = parser.parse(xml);
    Map<Property, List<String>> properties = parsed.properties();
    String uuid = parsed.uuid() != null ? parsed.uuid() : UUID.randomUUID().toString();
    Instant now = Instant.now(clock);
    StoredRecord record =
        new StoredRecord(
            RecordId.newId(),
            uuid,
            parsed.schema().id(),
            parsed.title(),
            parsed.abstractText(),
            parsed.keywords(),
            parsed.bbox(),
            parsed.dateStamp(),
            1,
            now,
            now,
            access);
    long seq;
    try {
      // One statement, committed as it ends: the record and its change-log entry. A uuid already
      // taken fails it (unique constraint) and uses no number: no lookup first, which would cost
      // every create a round trip.
      seq =
          changeLog.insertAndAppend(
              records.insertOf(record, parsed.xml(), properties),
              record.id(),
              Change.Operation.CREATE,
              1);
      ownWrites.upserted(seq, RecordRepository.asStored(record), parsed.xml(), properties);
    } catch (DuplicateKeyException taken) {
      throw new DuplicateUuidException(uuid, records.findIdByUuid(uuid).orElse("?"));
    }
    announce(new Committed(seq, record.id(), 1, false));
    return record;
  }

  /** Replaces the XML of a record; the record keeps its internal id. */
  public StoredRecord replace(String idOrUuid, String xml) {
    return replace(idOrUuid, xml, false);
  }

  /**
   * Replaces the XML of a record if the caller may edit it and holds (or may take) its edit lock;
   * {@code close} releases the lock after the save (save-and-close). Saving exactly the stored XML
   * again changes nothing: the version, history and change log stay as they are.
   */
  public StoredRecord replace(String idOrUuid, String xml, boolean close) {
    ParsedRecord parsed = parser.parse(xml);
    Map<Property, List<String>> properties = parsed.properties();
    Committed result;
    StoredRecord saved;
    try {
      result =
          tx.execute(
              status -> {
                StoredRecord current = lockVisible(idOrUuid);
                guard.checkSave(current);
                String uuid = parsed.uuid() != null ? parsed.uuid() : current.uuid();
                if (uuid.equals(current.uuid())
                    && records.xml(current.id()).map(parsed.xml()::equals).orElse(false)) {
                  // Nothing changed: no new version, no history entry, no change-log entry.
                  return new Committed(UNCHANGED, current.id(), current.version(), false);
                }
                if (!uuid.equals(current.uuid())) {
                  records
                      .findIdByUuid(uuid)
                      .ifPresent(
                          other -> {
                            throw new DuplicateUuidException(uuid, other);
                          });
                }
                keepPreviousVersion(current, "UPDATE");
                long version =
                    records.update(current.id(), parsed, uuid, Instant.now(clock), properties);
                return new Committed(
                    changeLog.appendAndCommit(
                        status, current.id(), Change.Operation.UPDATE, version),
                    current.id(),
                    version,
                    false);
              });
      saved = records.find(result.id()).orElse(null);
      if (result.seq() != UNCHANGED) {
        if (saved != null && saved.version() == result.version()) {
          ownWrites.upserted(result.seq(), saved, parsed.xml(), properties);
        } else {
          // Changed again meanwhile: the change log brings the newer state.
          progress.changeCommitted(result.seq());
        }
      }
    } catch (DuplicateKeyException race) {
      throw new DuplicateUuidException(
          parsed.uuid(), records.findIdByUuid(parsed.uuid()).orElse("?"));
    }
    if (result.seq() != UNCHANGED) {
      events.publishEvent(new ChangeCommitted(result.seq(), result.id(), false));
    }
    if (saved == null) {
      throw new RecordNotFoundException(idOrUuid);
    }
    // The save is committed: its lock bookkeeping happens even if the wait below fails.
    guard.saved(saved, close);
    if (result.seq() != UNCHANGED) {
      awaitSearchable(result);
    }
    return saved;
  }

  /**
   * Changes the owner group and operations of a record. Like any change it bumps the version and
   * goes through the change log, so every node re-indexes the record with its new viewers.
   */
  public StoredRecord changeAccess(
      String idOrUuid, java.util.function.UnaryOperator<RecordAccess> change) {
    Committed result =
        tx.execute(
            status -> {
              StoredRecord current = lockVisible(idOrUuid);
              guard.checkChangePrivileges(current);
              long version =
                  records.updateAccess(
                      current.id(), change.apply(current.access()), Instant.now(clock));
              return new Committed(
                  changeLog.appendAndCommit(status, current.id(), Change.Operation.UPDATE, version),
                  current.id(),
                  version,
                  false);
            });
    afterCommit(result);
    return records.find(result.id()).orElseThrow(() -> new RecordNotFoundException(idOrUuid));
  }

  /** Deletes a record. */
  public void delete(String idOrUuid) {
    Committed deleted =
        tx.execute(
            status -> {
              StoredRecord current = lockVisible(idOrUuid);
              guard.checkDelete(current);
              keepPreviousVersion(current, "DELETE");
              records.delete(current.id());
              return new Committed(
                  changeLog.appendAndCommit(
                      status, current.id(), Change.Operation.DELETE, current.version() + 1),
                  current.id(),
                  current.version() + 1,
                  true);
            });
    ownWrites.deleted(deleted.seq(), deleted.id(), deleted.version());
    announce(deleted);
  }

  /**
   * The record, its row locked until the transaction ends; not found when it does not exist or the
   * caller may not see it, so that a hidden record's existence does not leak.
   */
  private StoredRecord lockVisible(String idOrUuid) {
    return records
        .findForUpdate(idOrUuid)
        .filter(guard::canView)
        .orElseThrow(() -> new RecordNotFoundException(idOrUuid));
  }

  /** The record, if the caller may view it; otherwise it does not exist for the caller. */
  public StoredRecord get(String idOrUuid) {
    return records
        .find(idOrUuid)
        .filter(guard::canView)
        .orElseThrow(() -> new RecordNotFoundException(idOrUuid));
  }

  public String xml(String idOrUuid) {
    StoredRecord record = get(idOrUuid);
    return records.xml(record.id()).orElseThrow(() -> new RecordNotFoundException(idOrUuid));
  }

  /** The sequence of a save that changed nothing and was not written. */
  private static final long UNCHANGED = -1;

  /** A committed change: its change-log sequence, the record it changed and its new version. */
  private record Committed(long seq, String id, long version, boolean deleted) {}

  /** With versioning on, the state being replaced is kept in the same transaction. */
  private void keepPreviousVersion(StoredRecord current, String operation) {
    if (Boolean.TRUE.equals(settings.get(Settings.VERSIONING))) {
      history.keep(current.id(), operation);
      events.publishEvent(new VersionKept(current.id(), current.version()));
    }
  }

  private void afterCommit(Committed change) {
    progress.changeCommitted(change.seq());
    announce(change);
  }

  /** Tells the cluster (and this node's listeners), then waits for read-your-writes. */
  private void announce(Committed change) {
    events.publishEvent(new ChangeCommitted(change.seq(), change.id(), change.deleted()));
    awaitSearchable(change);
  }

  /** Read-your-writes: returns once the change is searchable here, or throws. */
  private void awaitSearchable(Committed change) {
    boolean applied;
    try {
      applied = progress.awaitApplied(change.seq(), visibilityWait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      applied = false;
    }
    if (!applied) {
      throw new NotYetSearchableException(
          change.id(), change.version(), change.seq(), change.deleted(), visibilityWait);
    }
  }
}
