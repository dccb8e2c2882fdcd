package org.spatialcatalog.node.lock;

import java.util.List;
import java.util.Optional;
import org.spatialcatalog.node.privilege.NotAllowedException;
import org.spatialcatalog.node.privilege.RecordPermissions;
import org.spatialcatalog.node.record.RecordNotFoundException;
import org.spatialcatalog.node.record.RecordRepository;
import org.spatialcatalog.node.record.StoredRecord;
import org.spatialcatalog.node.user.CatalogUser;
import org.spatialcatalog.node.user.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST/DELETE /api/records/{id}/lock} for editors, {@code GET /api/admin/locks} and {@code
 * DELETE /api/records/{id}/lock?force=true} for administrators.
 */
@RestController
class LockController {

  private final EditLocks locks;
  private final RecordRepository records;
  private final RecordPermissions permissions;

  LockController(EditLocks locks, RecordRepository records, RecordPermissions permissions) {
    this.locks = locks;
    this.records = records;
    this.permissions = permissions;
  }

  /** Takes the lock, or renews it when the caller already holds it. */
  @PostMapping("/api/records/{id}/lock")
  EditLock lock(@PathVariable String id) {
    CatalogUser user = CurrentUser.get();
    StoredRecord record = visible(id, user);
    permissions.checkEdit(user, record);
    return locks.acquire(record.id(), user.username());
  }

  /**
   * Keep-alive: renews the caller's own lock for another idle timeout. 409 naming the holder when
   * someone else holds it, 409 when the caller holds none (take it with POST).
   */
  @PutMapping("/api/records/{id}/lock")
  EditLock renew(@PathVariable String id) {
    CatalogUser user = CurrentUser.get();
    StoredRecord record = visible(id, user);
    permissions.checkEdit(user, record);
    if (locks.renew(record.id(), user.username(), locks.now())) {
      return locks.current(record.id()).orElseThrow();
    }
    Optional<EditLock> other = locks.current(record.id());
    if (other.isPresent()) {
      throw new EditLockException(
          409,
          "record " + record.id() + " is not locked by you: lock " + other.get().describe(),
          other.get());
    }
    throw new EditLockException(
        409,
        "you hold no lock on record "
            + record.id()
            + " (it expired or was released): take it with POST /api/records/"
            + record.id()
            + "/lock",
        null);
  }

  @DeleteMapping("/api/records/{id}/lock")
  ResponseEntity<Void> unlock(
      @PathVariable String id, @RequestParam(defaultValue = "false") boolean force) {
    CatalogUser user = CurrentUser.get();
    StoredRecord record = visible(id, user);
    if (force) {
      if (!user.isAdministrator()) {
        throw new NotAllowedException("force unlock needs the Administrator profile");
      }
      locks.forceRelease(record.id());
      return ResponseEntity.noContent().build();
    }
    // Only those who may edit learn who holds a lock.
    permissions.checkEdit(user, record);
    if (!locks.release(record.id(), user.username())) {
      locks
          .current(record.id())
          .ifPresent(
              other -> {
                throw new EditLockException(
                    409,
                    "record " + record.id() + " is not locked by you: lock " + other.describe(),
                    other);
              });
    }
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/api/admin/locks")
  List<EditLock> all() {
    return locks.all();
  }

  private StoredRecord visible(String id, CatalogUser user) {
    return records
        .find(id)
        .filter(r -> permissions.canView(user, r))
        .orElseThrow(() -> new RecordNotFoundException(id));
  }
}
