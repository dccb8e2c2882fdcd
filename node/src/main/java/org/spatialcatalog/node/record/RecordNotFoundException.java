package org.spatialcatalog.node.record;

/** No record has this internal id or metadata uuid. */
public class RecordNotFoundException extends RuntimeException {

  public RecordNotFoundException(String idOrUuid) {
    super("no record with id or uuid '" + idOrUuid + "'");
  }
}
