/**
 * A small HTTP client for one node's JSON API, as an administrator: the command line (demo,
 * benchmarks), the chaos run and the tests talk to nodes through it, exactly as an outside script
 * would. {@link org.spatialcatalog.node.client.FreePorts} chooses the ports of the nodes, brokers
 * and databases they start on this machine. It depends on no other package of the node.
 */
package org.spatialcatalog.node.client;
