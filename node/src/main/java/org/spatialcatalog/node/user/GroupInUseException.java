package org.spatialcatalog.node.user;

/** A group that still owns records cannot be deleted (409). */
public class GroupInUseException extends RuntimeException {
  public GroupInUseException(String message) {
    super(message);
  }
}
