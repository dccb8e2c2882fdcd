/**
 * The change log (transactional outbox): every record change commits together with one entry,
 * numbered without gaps in commit order. Every node's index follows this log; JMS notifications
 * only tell a node to look at it sooner. Retention ({@link
 * org.spatialcatalog.node.changelog.ChangeLogPruner}) deletes entries every live node has committed
 * once they are older than the minimum age, in bounded batches, and always keeps the latest DELETE
 * entry of each record as a tombstone; sequence numbers are never reused.
 */
package org.spatialcatalog.node.changelog;
