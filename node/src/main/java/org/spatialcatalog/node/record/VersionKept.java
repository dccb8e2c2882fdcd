package org.spatialcatalog.node.record;

/**
 * Application event: version {@code version} of record {@code recordId} was kept in its history.
 * Published inside the transaction; listeners that act after commit use
 * {@code @TransactionalEventListener}.
 */
public record VersionKept(String recordId, long version) {}
