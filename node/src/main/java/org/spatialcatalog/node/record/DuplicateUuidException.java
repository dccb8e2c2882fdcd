package org.spatialcatalog.node.record;

/** Another record already carries this metadata uuid. */
public class DuplicateUuidException extends RuntimeException {

  private final String existingId;

  public DuplicateUuidException(String uuid, String existingId) {
    super("a record with uuid '" + uuid + "' already exists (id " + existingId + ")");
    this.existingId = existingId;
  }

  public String existingId() {
    return existingId;
  }
}
