package org.spatialcatalog.node.lock;

import java.util.function.Supplier;
import org.spatialcatalog.node.user.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * A save in one request, for stateless protocols (CSW Transaction) that cannot take a lock first:
 * takes the record's edit lock for the caller (refused, naming the holder, when another user holds
 * it), runs the save, and releases the lock again unless the caller already held it before. The
 * locking rules themselves are those of {@link EditGate}.
 */
@Component
public class SingleSave {

  private final EditLocks locks;

  SingleSave(EditLocks locks) {
    this.locks = locks;
  }

  public <T> T run(String recordId, Supplier<T> save) {
    String holder = CurrentUser.get().username();
    boolean heldBefore = locks.current(recordId).map(l -> l.holder().equals(holder)).orElse(false);
    locks.acquire(recordId, holder);
    try {
      return save.get();
    } finally {
      if (!heldBefore) {
        locks.release(recordId, holder);
      }
    }
  }
}
