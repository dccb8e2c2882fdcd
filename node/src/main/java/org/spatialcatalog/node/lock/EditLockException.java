package org.spatialcatalog.node.lock;

/**
 * A lock conflict: 409 when taking a lock someone else holds or saving without having taken one,
 * 423 when saving a record someone else has locked. Carries the current lock, if any.
 */
public class EditLockException extends RuntimeException {

  private final int status;
  private final EditLock lock;

  EditLockException(int status, String message, EditLock lock) {
    super(message);
    this.status = status;
    this.lock = lock;
  }

  public int status() {
    return status;
  }

  /** The lock in the way, or null. */
  public EditLock lock() {
    return lock;
  }
}
