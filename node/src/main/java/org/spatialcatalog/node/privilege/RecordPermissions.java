package org.spatialcatalog.node.privilege;

import java.util.Optional;
import java.util.Set;
import org.spatialcatalog.node.record.RecordAccess;
import org.spatialcatalog.node.record.RecordNotFoundException;
import org.spatialcatalog.node.record.RecordRepository;
import org.spatialcatalog.node.record.StoredRecord;
import org.spatialcatalog.node.user.CatalogUser;
import org.springframework.stereotype.Component;

/**
 * What a user may do with a record, from its owner, owning group and per-group operations.
 *
 * <p>Administrators may do everything. Anyone may view what its tokens (everyone, its groups,
 * itself) are among the record's viewers, the same rule the search filter applies. Editing and
 * changing privileges need the Editor profile and ownership, membership of the owning group, or
 * (editing only) the {@code editing} operation for one of the user's groups. Downloading needs view
 * plus the {@code download} operation (owner and owning group always may).
 *
 * <p>{@link #canDownload(CatalogUser, String)} is the hook for attachment downloads.
 */
@Component
public class RecordPermissions {

  private final RecordRepository records;

  RecordPermissions(RecordRepository records) {
    this.records = records;
  }

  public boolean canView(CatalogUser user, StoredRecord record) {
    return canView(user, record.access());
  }

  /** {@link #canView(CatalogUser, StoredRecord)} from the record's privileges alone. */
  public boolean canView(CatalogUser user, RecordAccess access) {
    return user.isAdministrator() || access.viewers().stream().anyMatch(user.tokens()::contains);
  }

  public boolean canEdit(CatalogUser user, StoredRecord record) {
    return user.isAdministrator()
        || (user.isEditor()
            && (ownsOrInGroup(user, record.access())
                || record.access().allows(RecordAccess.EDITING, user.tokens())));
  }

  public boolean canChangePrivileges(CatalogUser user, StoredRecord record) {
    return user.isAdministrator() || (user.isEditor() && ownsOrInGroup(user, record.access()));
  }

  /**
   * Whether {@code user} may download the files of record {@code recordId} (internal id or uuid);
   * false when the record does not exist.
   */
  public boolean canDownload(CatalogUser user, String recordId) {
    Optional<StoredRecord> record = records.find(recordId);
    return record.isPresent() && canDownload(user, record.get());
  }

  public boolean canDownload(CatalogUser user, StoredRecord record) {
    if (!canView(user, record)) {
      return false;
    }
    return user.isAdministrator()
        || ownsOrInGroup(user, record.access())
        || record.access().allows(RecordAccess.DOWNLOAD, user.tokens());
  }

  /**
   * Throws {@link RecordNotFoundException} naming what the caller asked for when the record is
   * hidden from it, so that neither its existence nor its internal id leaks.
   */
  public void checkView(CatalogUser user, StoredRecord record, String requested) {
    if (!canView(user, record)) {
      throw new RecordNotFoundException(requested);
    }
  }

  public void checkEdit(CatalogUser user, StoredRecord record) {
    if (!canEdit(user, record)) {
      throw new NotAllowedException(
          "user '" + user.username() + "' may not edit record " + record.id());
    }
  }

  public void checkChangePrivileges(CatalogUser user, StoredRecord record) {
    if (!canChangePrivileges(user, record)) {
      throw new NotAllowedException(
          "user '"
              + user.username()
              + "' may not change the privileges of record "
              + record.id()
              + ": only its owner, editors of its group and administrators may");
    }
  }

  /** The access of a record {@code user} creates; throws when the user may not create. */
  public RecordAccess newRecord(CatalogUser user) {
    if (!user.isEditor()) {
      throw new NotAllowedException("creating records needs the Editor profile");
    }
    Long owner = user.id() > 0 ? user.id() : null;
    Long group = user.groups().stream().min(Long::compare).orElse(null);
    return RecordAccess.ownedBy(owner, group);
  }

  private static boolean ownsOrInGroup(CatalogUser user, RecordAccess access) {
    Set<Long> groups = user.groups();
    return (access.ownerId() != null && access.ownerId() == user.id())
        || (access.groupOwner() != null && groups.contains(access.groupOwner()));
  }
}
