/**
 * The node's wiring: the security chain, database start-up (migrations retried when nodes race on a
 * new database, broken pooled connections evicted) and the requests refused before any controller.
 * Beans that every feature shares are created here. This package depends on the features it wires;
 * features read their settings from {@code config}, never from here, so no feature depends on this
 * package.
 */
package org.spatialcatalog.node.system;
