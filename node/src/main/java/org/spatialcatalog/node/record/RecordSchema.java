package org.spatialcatalog.node.record;

/**
 * The metadata schemas the catalog accepts. The {@link #id()} is the stable identifier stored with
 * a record and used in APIs; it never changes once released.
 */
public enum RecordSchema {
  ISO19139("iso19139"),
  DUBLIN_CORE("dublin-core");

  private final String id;

  RecordSchema(String id) {
    this.id = id;
  }

  /** The stable, lower-case identifier of this schema, e.g. {@code "iso19139"}. */
  public String id() {
    return id;
  }
}
