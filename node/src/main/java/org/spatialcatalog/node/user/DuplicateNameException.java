package org.spatialcatalog.node.user;

/** A user or group name that is already taken (409). */
public class DuplicateNameException extends RuntimeException {
  public DuplicateNameException(String message) {
    super(message);
  }
}
