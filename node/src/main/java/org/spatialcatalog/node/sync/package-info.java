/**
 * How a node's index follows the database. Guarantees: every committed change reaches the index
 * (the change log is read from the index's checkpoint at start, on every notification and at each
 * poll); applying is idempotent and never replaces a newer record version with an older one; a
 * record the index refuses is quarantined (indexed minimally, listed) and never holds back the
 * checkpoint; a log pruned past the checkpoint makes the node rebuild from the database and then
 * catch up; the checkpoint only passes a contiguous run of the log and is committed together with
 * index content that holds at least every change up to it, so a crash replays from the last commit;
 * one thread at a time applies changes to the index, while refreshes and commits run beside it; a
 * change counts as applied (read-your-writes, RE-INDEX acknowledgement) once it is written to the
 * index, since every read refreshes first when the searcher does not show a written change (see
 * {@link org.spatialcatalog.index.RecordIndex}); this node's own writes are indexed from the data
 * just committed, without a database read, and the change log stays the truth for every other node
 * and for replay; the node reports ready only once caught up with the head seen at start.
 */
package org.spatialcatalog.node.sync;
