/**
 * This node in its cluster: its identity and the site uuid, its heartbeat row, and its messaging
 * (RE-INDEX and OPTIMIZE-INDEX). What survives a restart: the node id (node directory), the site
 * uuid and heartbeat rows (database), the durable subscriptions (broker).
 */
package org.spatialcatalog.node.cluster;
