/**
 * The node's wiring: configuration properties ({@code catalog.*}, documented with their defaults in
 * docs/configuration.md and checked by a test), the security chain, database start-up (migrations
 * retried when nodes race on a new database) and the requests refused before any controller. Beans
 * that every feature shares are created here, so features depend on this package and not on each
 * other's internals.
 */
package org.spatialcatalog.node.system;
