package org.spatialcatalog.node.record;

/**
 * The checks {@link RecordService} makes on behalf of the caller: read privileges, edit privileges
 * and the edit lock. Implemented outside this package (privileges and locks depend on records, not
 * the other way round); throws the exception that should reach the client.
 */
public interface RecordGuard {

  /** Whether the caller may view the record; a hidden record answers as not found. */
  boolean canView(StoredRecord record);

  /** Throws when the caller may not create records. Returns the access of the new record. */
  RecordAccess checkCreate();

  /**
   * Throws when the caller, who may view the record, may not edit it, or when saving needs an edit
   * lock the caller lacks.
   */
  void checkSave(StoredRecord record);

  /** Throws when the caller may not delete the record. */
  void checkDelete(StoredRecord record);

  /** Throws when the caller may not change the privileges of the record. */
  void checkChangePrivileges(StoredRecord record);

  /** After a committed save: renew the caller's lock, or release it when {@code close}. */
  void saved(StoredRecord record, boolean close);
}
