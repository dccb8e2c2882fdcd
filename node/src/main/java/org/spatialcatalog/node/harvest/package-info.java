/**
 * Harvesting: running jobs on this node. The engine takes the jobs this node may run, the worker
 * reads a source page by page and imports what it reads, the lease keeper and the recovery sweep
 * keep jobs from getting stuck, and dispatch hands a queued job to a node (through the broker, or
 * on this node when clustering is off). Dispatch sits here with the engine because running a job
 * locally starts the engine. The harvest packages form layers, each using only those below it:
 * {@link org.spatialcatalog.node.harvest.definition} (what a harvester is), {@link
 * org.spatialcatalog.node.harvest.job} (the job lifecycle in the database), {@link
 * org.spatialcatalog.node.harvest.source} (reading a source), this package, {@link
 * org.spatialcatalog.node.harvest.schedule} (scheduled runs) and {@link
 * org.spatialcatalog.node.harvest.api} (the HTTP API).
 *
 * <p>Guarantees. A RUNNING job whose node stops renewing its lease is put back in the queue by any
 * node's recovery sweep and resumed from its saved cursor; records are imported keyed on the
 * source, so never twice. A job's end is decided at the job boundary: an unexpected exception or
 * {@code Error} fails the job with a reason that never carries SQL, on the node that met it.
 * Records are removed only after a complete and stable listing, within the removal share; a removed
 * record keeps its link to its remote id, and comes back under its old id when the source has it
 * again. A page's records are imported batch by batch while the source reads them ({@link
 * org.spatialcatalog.node.harvest.PageImport}), and a page's database work that meets a transient
 * database error is retried within the retry horizon. Background loops run on named daemon threads,
 * log and retry their failures, and never die silently.
 */
package org.spatialcatalog.node.harvest;
