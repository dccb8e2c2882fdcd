package org.spatialcatalog.node.datadir;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.node.changelog.ChangeCommitted;
import org.spatialcatalog.node.record.HarvestedRecordsRemoved;
import org.spatialcatalog.node.record.RecordRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Removes a record's files once its deletion committed, on the node that took the deletion and
 * before that request is answered. The files are removed after the commit, never before, so a
 * deletion that rolls back keeps them; a node that dies between the two leaves the folder behind
 * (see docs/data-directory.md for finding such orphans).
 */
@Component
class RecordFilesRemover {

  private static final Logger log = LoggerFactory.getLogger(RecordFilesRemover.class);

  private final ObjectProvider<AttachmentStore> store;
  private final RecordRepository records;

  RecordFilesRemover(ObjectProvider<AttachmentStore> store, RecordRepository records) {
    this.store = store;
    this.records = records;
  }

  @EventListener
  void changeCommitted(ChangeCommitted change) {
    // Only a deletion can leave files without a record: checking every write would cost each one
    // a database read.
    if (change.deletion()) {
      removeIfDeleted(change.recordId());
    }
  }

  /** A harvest removes records in batches; a batch's change notification names only one. */
  @EventListener
  void harvestedRecordsRemoved(HarvestedRecordsRemoved removed) {
    removed.recordIds().forEach(this::removeIfDeleted);
  }

  private void removeIfDeleted(String recordId) {
    AttachmentStore files = store.getIfAvailable();
    // Only deletions leave no row behind: record ids are never reused.
    if (files == null || records.find(recordId).isPresent()) {
      return;
    }
    try {
      files.deleteAll(recordId);
    } catch (IOException | IllegalArgumentException | DataAccessException e) {
      log.error("record {} is deleted but its files could not be removed", recordId, e);
    }
  }
}
