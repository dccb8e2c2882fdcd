package org.spatialcatalog.node.privilege;

/** The caller is known but its profile or the record's privileges forbid the call (403). */
public class NotAllowedException extends RuntimeException {
  public NotAllowedException(String message) {
    super(message);
  }
}
