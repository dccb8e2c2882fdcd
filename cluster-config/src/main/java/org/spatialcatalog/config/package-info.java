/**
 * What every part of a catalog cluster agrees on: the identity of a node (kept in its node
 * directory across restarts), the shape of record ids, and the cluster name that keeps several
 * catalogs apart on one broker. Plain Java, no framework.
 */
package org.spatialcatalog.config;
