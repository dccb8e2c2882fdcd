package org.spatialcatalog.node.changelog;

/**
 * Application event: a change with this sequence number has been committed by this node.
 *
 * @param deletion the change deleted {@code recordId} (a harvest's batch names its last record and
 *     is never a deletion: its removals are announced by their own event)
 */
public record ChangeCommitted(long seq, String recordId, boolean deletion) {}
