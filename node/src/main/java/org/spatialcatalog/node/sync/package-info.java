/**
 * How a node's index follows the database. Guarantees: every committed change reaches the index
 * (the change log is read from the index's checkpoint at start, on every notification and at each
 * poll); applying is idempotent; the checkpoint is committed atomically with the index content;
 * one thread at a time writes to the index.
 */
package org.spatialcatalog.node.sync;
