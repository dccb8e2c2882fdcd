/**
 * The node's configuration properties ({@code catalog.*}), bound once at start and read by every
 * feature. Each key is documented with its default in docs/configuration.md, and a test checks
 * that. This package depends on no other package of the node, so any feature may read it without
 * creating a cycle.
 */
package org.spatialcatalog.node.config;
