/**
 * The change log (transactional outbox): every record change commits together with one entry,
 * numbered without gaps in commit order. Every node's index follows this log; JMS notifications
 * only tell a node to look at it sooner.
 */
package org.spatialcatalog.node.changelog;
