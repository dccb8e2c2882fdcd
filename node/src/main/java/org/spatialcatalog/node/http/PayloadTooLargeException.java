package org.spatialcatalog.node.http;

/** A request body exceeded its configured limit. */
public class PayloadTooLargeException extends RuntimeException {

  public PayloadTooLargeException(String what, long limitBytes) {
    super(what + " exceeds the limit of " + limitBytes + " bytes (catalog.max-record-size)");
  }
}
