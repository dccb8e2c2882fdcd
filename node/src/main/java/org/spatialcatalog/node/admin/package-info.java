/**
 * Administration of the nodes and their indexes: the cluster status (every node's figures, its
 * readiness and the settings revision it applied), optimize everywhere, rebuild and verify this
 * node, and rebuild or verify any named node from any node ({@link
 * org.spatialcatalog.node.admin.NodeActions}, through the broker; refused with clustering off, and
 * never run for a request older than 10 s).
 */
package org.spatialcatalog.node.admin;
