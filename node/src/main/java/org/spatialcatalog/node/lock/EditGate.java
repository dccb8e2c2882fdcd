package org.spatialcatalog.node.lock;

import java.util.Optional;
import org.spatialcatalog.node.privilege.RecordPermissions;
import org.spatialcatalog.node.record.RecordAccess;
import org.spatialcatalog.node.record.RecordGuard;
import org.spatialcatalog.node.record.StoredRecord;
import org.spatialcatalog.node.user.CatalogUser;
import org.spatialcatalog.node.user.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * The checks the record service makes for the caller: privileges from {@link RecordPermissions},
 * plus the edit lock on save and delete.
 *
 * <p>Saving needs the caller's own lock. Administrators may also save a record nobody has locked,
 * so that scripts using HTTP Basic keep working without taking locks; nobody may save or delete a
 * record another user has locked (423, naming the holder).
 */
@Component
class EditGate implements RecordGuard {

  private final RecordPermissions permissions;
  private final EditLocks locks;

  EditGate(RecordPermissions permissions, EditLocks locks) {
    this.permissions = permissions;
    this.locks = locks;
  }

  @Override
  public boolean canView(StoredRecord record) {
    return permissions.canView(CurrentUser.get(), record);
  }

  @Override
  public RecordAccess checkCreate() {
    return permissions.newRecord(CurrentUser.get());
  }

  @Override
  public void checkSave(StoredRecord record) {
    CatalogUser user = CurrentUser.get();
    permissions.checkEdit(user, record);
    Optional<EditLock> lock = notLockedByOthers(record, user);
    if (lock.isEmpty() && !user.isAdministrator()) {
      throw new EditLockException(
          409,
          "saving record "
              + record.id()
              + " needs its edit lock: take it first with POST /api/records/"
              + record.id()
              + "/lock",
          null);
    }
  }

  @Override
  public void checkDelete(StoredRecord record) {
    CatalogUser user = CurrentUser.get();
    permissions.checkEdit(user, record);
    notLockedByOthers(record, user);
  }

  @Override
  public void checkChangePrivileges(StoredRecord record) {
    permissions.checkChangePrivileges(CurrentUser.get(), record);
  }

  @Override
  public void saved(StoredRecord record, boolean close) {
    String holder = CurrentUser.get().username();
    if (close) {
      locks.release(record.id(), holder);
    } else {
      locks.renew(record.id(), holder, locks.now());
    }
  }

  private Optional<EditLock> notLockedByOthers(StoredRecord record, CatalogUser user) {
    Optional<EditLock> lock = locks.current(record.id());
    if (lock.isPresent() && !lock.get().holder().equals(user.username())) {
      throw new EditLockException(
          423, "record " + record.id() + " is locked: lock " + lock.get().describe(), lock.get());
    }
    return lock;
  }
}
