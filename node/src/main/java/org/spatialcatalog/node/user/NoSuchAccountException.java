package org.spatialcatalog.node.user;

/** No user or group with the given id (404). */
public class NoSuchAccountException extends RuntimeException {
  public NoSuchAccountException(String message) {
    super(message);
  }
}
