/**
 * This node in its cluster: its identity and the site uuid, its heartbeat row, and its messaging
 * (RE-INDEX and the other topics, the HARVEST queue). What survives a restart: the node id (node
 * directory), the site uuid and heartbeat rows (database), the durable subscriptions (broker). No
 * caller ever waits on the broker longer than the send timeout; notifications that cannot be sent
 * are dropped and counted; the {@code jms} state follows a broker probe. A node id used by another
 * live node is refused at start; a node gone for good can be decommissioned.
 */
package org.spatialcatalog.node.cluster;
