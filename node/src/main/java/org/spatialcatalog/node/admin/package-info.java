/**
 * Administration of this node's index: optimize everywhere, rebuild here, verify against the
 * database.
 */
package org.spatialcatalog.node.admin;
