/**
 * Harvesting: harvester definitions, the jobs that run them, and the machinery that keeps jobs from
 * getting stuck.
 *
 * <p>Guarantees. Definitions, jobs, their per-record progress, audit trail and failures live in the
 * shared database and survive any restart. A harvester has at most one QUEUED or RUNNING job. A job
 * runs on one node at a time: it is claimed with a conditional update that gives it a new fencing
 * token, and every write for it checks that token in the same transaction. A RUNNING job whose node
 * stops renewing its lease is put back in the queue by any node's recovery sweep and resumed from
 * its saved cursor; records are imported keyed on the source, so never twice. Each due scheduled
 * run creates one job cluster-wide. Leases, deadlines and the recovery sweep use the database's
 * clock. A job's end is decided at the job boundary: an unexpected exception or {@code Error} fails
 * the job with a reason that never carries SQL, on the node that met it. Records are removed only
 * after a complete and stable listing, within the removal share; a removed record keeps its link to
 * its remote id, and comes back under its old id when the source has it again. A page's database
 * work that meets a transient database error is retried within the retry horizon. Listing pages are
 * parsed from the HTTP answer's stream while it arrives ({@link
 * org.spatialcatalog.node.harvest.StreamedBody}), record by record ({@link
 * org.spatialcatalog.node.harvest.RecordSplitter}), and imported batch by batch while they are read
 * ({@link org.spatialcatalog.node.harvest.PageImport}): a page is never held, neither as bytes nor
 * as a tree, and a record over the size limit fails alone. Background loops run on named daemon
 * threads, log and retry their failures, and never die silently.
 *
 * <p>Source strategies ({@link org.spatialcatalog.node.harvest.HarvestSource}) live in one
 * subpackage per protocol and only read: everything they return goes through the job's reliable
 * queue and {@link org.spatialcatalog.node.record.HarvestedRecordWriter}. Every request they make
 * goes through {@link org.spatialcatalog.node.harvest.SourceHttp}, bounded in time and size.
 */
package org.spatialcatalog.node.harvest;
