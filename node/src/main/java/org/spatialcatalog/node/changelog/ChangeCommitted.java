package org.spatialcatalog.node.changelog;

/** Application event: a change with this sequence number has been committed by this node. */
public record ChangeCommitted(long seq, String recordId) {}
