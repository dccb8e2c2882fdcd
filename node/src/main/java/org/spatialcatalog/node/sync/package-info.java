/**
 * How a node's index follows the database. Guarantees: every committed change reaches the index
 * (the change log is read from the index's checkpoint at start, on every notification and at each
 * poll); applying is idempotent and never replaces a newer record version with an older one; a
 * record the index refuses is quarantined (indexed minimally, listed) and never holds back the
 * checkpoint; a log pruned past the checkpoint makes the node rebuild from the database and then
 * catch up; the checkpoint is committed atomically with the index content; one thread at a time
 * writes to the index; the node reports ready only once caught up with the head seen at start.
 */
package org.spatialcatalog.node.sync;
